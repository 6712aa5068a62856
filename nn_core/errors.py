"""The project's own errors. Each message is one readable sentence for a user."""


class NNCoreError(Exception):
    """Base class: something a user did or a file they gave cannot be used."""


class ModelFileError(NNCoreError):
    """A model file is missing, corrupt, hostile, or does not describe a usable network."""


class DataFileError(NNCoreError):
    """A data set file is missing, corrupt, or not images with labels."""


class DownloadError(NNCoreError):
    """MNIST could not be downloaded (offline, every mirror failed, or a checksum mismatch)."""


class ImageFileError(NNCoreError):
    """An image file cannot be read as a drawing."""


class OutputPathError(NNCoreError):
    """A file cannot be saved where asked: not a regular file, or no directory to put it in."""
