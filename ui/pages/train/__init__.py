"""Watch it learn: the recipe (recipe.py), the trainer's lifecycle and ticks (live.py), the controls (controls.py),
the trained model's files (model_files.py)."""
