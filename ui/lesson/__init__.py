"""The lesson: its file (file.py), where the learner is (progress.py), the completion checks (checks.py), the
card docked above every page (card.py), and the teacher's kit (teacher_kit.py, answer_key.py)."""
