"""the classroom tables

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-02 13:48:38.315994
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempts'))
    )
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index('ix_attempts_kind_subject_at', ['kind', 'subject', 'at'], unique=False)

    op.create_table('classes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('key_hash', sa.LargeBinary(length=64), nullable=False),
    sa.Column('key_salt', sa.LargeBinary(length=16), nullable=False),
    sa.Column('opened_at', sa.Float(), nullable=False),
    sa.Column('expires_at', sa.Float(), nullable=False),
    sa.Column('lesson_step', sa.Integer(), nullable=True),
    sa.Column('step_moves', sa.Integer(), nullable=False),
    sa.Column('edit_resets', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classes')),
    sa.UniqueConstraint('code', name=op.f('uq_classes_code'))
    )
    op.create_table('students',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.LargeBinary(length=32), nullable=False),
    sa.Column('nickname', sa.String(length=24), nullable=False),
    sa.Column('joined_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_students_class_id'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_students')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_students_token_hash'))
    )
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_students_class_id'), ['class_id'], unique=False)

    op.create_table('answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.String(length=40), nullable=False),
    sa.Column('guess', sa.String(length=40), nullable=True),
    sa.Column('guess_number', sa.Float(), nullable=True),
    sa.Column('answer', sa.String(length=40), nullable=False),
    sa.Column('right', sa.Boolean(), nullable=True),
    sa.Column('model', sa.String(length=40), nullable=False),
    sa.Column('answered_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_answers_class_id'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_answers_student_id'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answers')),
    sa.UniqueConstraint('student_id', 'step_id', name='uq_answers_student_step')
    )
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answers_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_answers_student_id'), ['student_id'], unique=False)

    op.create_table('drawings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.SmallInteger(), nullable=False),
    sa.Column('pixels', sa.LargeBinary(length=784), nullable=False),
    sa.Column('drawn_at', sa.Float(), nullable=False),
    sa.CheckConstraint('label >= 0 AND label <= 9', name=op.f('ck_drawings_label_is_a_digit')),
    sa.CheckConstraint('length(pixels) = 784', name=op.f('ck_drawings_pixels_are_28x28')),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_drawings_class_id'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_drawings_student_id'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drawings'))
    )
    with op.batch_alter_table('drawings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drawings_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_drawings_student_id'), ['student_id'], unique=False)

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



def downgrade() -> None:
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entries_student_id'))
        batch_op.drop_index(batch_op.f('ix_entries_class_id'))

    op.drop_table('entries')
    with op.batch_alter_table('drawings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drawings_student_id'))
        batch_op.drop_index(batch_op.f('ix_drawings_class_id'))

    op.drop_table('drawings')
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answers_student_id'))
        batch_op.drop_index(batch_op.f('ix_answers_class_id'))

    op.drop_table('answers')
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_students_class_id'))

    op.drop_table('students')
    op.drop_table('classes')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_kind_subject_at')

    op.drop_table('attempts')
