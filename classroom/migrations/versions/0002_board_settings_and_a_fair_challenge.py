"""the console's board of students, the class's settings, and a fair challenge

Students' pages now say where they are (step, done, guess locked, last seen); a class has settings
(level, the lesson's step range, Next locked until the teacher moves); and the challenge keeps each
student's best model, scored on validation digits with its full recipe. The old challenge entries
(scored on the test digits, one try each) cannot be ranked with the new ones: they are dropped.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 02:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level', sa.String(length=8), server_default='simple', nullable=False))
        batch_op.add_column(sa.Column('first_step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last_step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('lock_next', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.add_column(sa.Column('step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('step_since', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('step_done', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('guess_locked', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('last_seen', sa.Float(), nullable=True))
    _drop_entries()
    op.create_table('entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('recipe', sa.String(length=160), nullable=False),
    sa.Column('accuracy', sa.Float(), nullable=False),
    sa.Column('digits', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.Float(), nullable=False),
    sa.CheckConstraint('accuracy >= 0 AND accuracy <= 1', name=op.f('ck_entries_accuracy_is_a_share')),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_entries_class_id'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_entries_student_id'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entries')),
    sa.UniqueConstraint('student_id', name=op.f('uq_entries_student_id'))
    )
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entries_class_id'), ['class_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entries_class_id'))
    op.drop_table('entries')
    op.create_table('entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('architecture', sa.String(length=40), nullable=False),
    sa.Column('test_accuracy', sa.Float(), nullable=False),
    sa.Column('test_count', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.Float(), nullable=False),
    sa.CheckConstraint('test_accuracy >= 0 AND test_accuracy <= 1', name=op.f('ck_entries_accuracy_is_a_share')),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_entries_class_id'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_entries_student_id'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entries'))
    )
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entries_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entries_student_id'), ['student_id'], unique=False)
    with op.batch_alter_table('students', schema=None) as batch_op:
        for column in ('last_seen', 'guess_locked', 'step_done', 'step_since', 'step'):
            batch_op.drop_column(column)
    with op.batch_alter_table('classes', schema=None) as batch_op:
        for column in ('lock_next', 'last_step', 'first_step', 'level'):
            batch_op.drop_column(column)


def _drop_entries() -> None:
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entries_student_id'))
        batch_op.drop_index(batch_op.f('ix_entries_class_id'))
    op.drop_table('entries')
