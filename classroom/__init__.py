"""The classroom: a small shared store for one class at a time (a class code, a teacher key, the class's
answers, drawings and challenge entries), in SQLite by default or PostgreSQL when DATABASE_URL is set.

It imports numpy, SQLAlchemy, Alembic and nn_core, never streamlit: ``classroom.rooms.Rooms`` is usable
from a script or a notebook. The app's pages (pages/join.py, pages/console.py) call it
through ui/classroom/ (student.py, console.py).
"""
