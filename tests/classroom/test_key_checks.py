"""One slow check of the teacher key per run of the console (classroom.keys.one_check_per_run), never weaker:
only a match is remembered, only inside the block; a wrong key is hashed (and refused) every time."""
from __future__ import annotations

import pytest

from classroom import keys


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    calls: list[str] = []
    slow = keys.slow_hash
    monkeypatch.setattr(keys, "slow_hash", lambda key, salt: calls.append(key) or slow(key, salt))
    return calls


def test_a_right_key_is_hashed_once_per_block_and_a_wrong_one_every_time(hashed):
    salt = keys.salt()
    stored = keys.slow_hash("right-key", salt)
    hashed.clear()
    with keys.one_check_per_run():
        assert all(keys.key_matches("right-key", salt, stored) for _ in range(3))
        assert not any(keys.key_matches("wrong-key", salt, stored) for _ in range(3))
        with keys.one_check_per_run():                                   # a fragment inside the page's run
            assert keys.key_matches("right-key", salt, stored)
        assert not keys.key_matches("right-key", keys.salt(), stored)    # another class's salt: hashed, refused
    assert hashed == ["right-key"] + ["wrong-key"] * 3 + ["right-key"]
    hashed.clear()
    assert keys.key_matches("right-key", salt, stored)                   # the next run: checked again
    with keys.one_check_per_run():
        assert keys.key_matches("right-key", salt, stored)
    assert hashed == ["right-key", "right-key"]
