"""``python -m nn_core``: the command line (see ``nn_core.cli``)."""
import sys

from nn_core.cli import main

sys.exit(main())
