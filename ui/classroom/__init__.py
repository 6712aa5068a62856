"""A class from the app's side: a student (student.py: joining, following the teacher, giving answers, drawings
and a model) and the teacher's console (console.py); shared.py opens the store, which is the top-level classroom/."""
