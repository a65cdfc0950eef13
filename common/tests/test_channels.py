from __future__ import annotations

from voordeur_common.channels import CHANNELS, DEFAULT_CHANNEL, channel_name, is_channel


def test_every_channel_has_a_dutch_name_and_the_default_is_one_of_them() -> None:
    assert DEFAULT_CHANNEL in CHANNELS
    assert all(name and name != code for code, name in CHANNELS.items() if code != "test")


def test_unknown_codes_are_one_group() -> None:
    assert channel_name("ext") == channel_name("onbekend") == "Ander of onbekend kanaal"
    assert not is_channel("ext") and not is_channel(None) and is_channel("telegram")
    assert channel_name("whatsapp") == "WhatsApp"
