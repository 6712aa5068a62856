"""A class from the app's side: a student (joining.py, student.py: following the teacher, giving answers and
drawings; whereabouts.py and class_settings.py: the board and the class's settings; challenge.py: entering a model)
and the teacher's console (console.py, invite.py); shared.py opens the store, which is the top-level classroom/."""
