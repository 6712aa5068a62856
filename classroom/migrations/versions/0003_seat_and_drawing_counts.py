"""counts beside the rows they count: seats and drawings per class, drawings and challenge entries per seat;
and the teacher's switch that lets new students join (or not)

The classroom's limits (200 seats, 100 drawings per seat and 2,000 per class, 100 challenge entries per seat)
become one conditional UPDATE of these counts in the transaction that inserts, so requests that arrive together
cannot go past them. The counts of existing classes and seats are filled in from their rows.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 05:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs, never a batch copy: on SQLite a copy drops the old table, and with foreign keys on that
    # deletes every row below it (ON DELETE CASCADE)
    op.add_column('classes', sa.Column('seats_taken', sa.Integer(), server_default='0', nullable=False))
    op.add_column('classes', sa.Column('drawings_given', sa.Integer(), server_default='0', nullable=False))
    op.add_column('classes', sa.Column('joining_open', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('students', sa.Column('drawings_given', sa.Integer(), server_default='0', nullable=False))
    op.add_column('students', sa.Column('entries_made', sa.Integer(), server_default='0', nullable=False))
    op.execute("UPDATE classes SET seats_taken = (SELECT count(*) FROM students WHERE students.class_id = classes.id),"
               " drawings_given = (SELECT count(*) FROM drawings WHERE drawings.class_id = classes.id)")
    op.execute("UPDATE students SET drawings_given = (SELECT count(*) FROM drawings "
               "WHERE drawings.student_id = students.id), "
               "entries_made = (SELECT count(*) FROM entries WHERE entries.student_id = students.id)")


def downgrade() -> None:
    for table, column in (('students', 'entries_made'), ('students', 'drawings_given'), ('classes', 'joining_open'),
                          ('classes', 'drawings_given'), ('classes', 'seats_taken')):
        op.drop_column(table, column)   # (SQLite 3.35+ drops a column in place too)
