"""Entity resolution: spellings merge, look-alikes and front companies stay apart."""

from __future__ import annotations

from interdictor.network.resolve import (
    Mention,
    build_units,
    compare_names,
    find_candidate_pairs,
    normalize_party_name,
    normalize_phone,
    resolve_mentions,
    strip_order_prefix,
)


def mention(record: str, name: str, **fields: str) -> Mention:
    return Mention(record_id=record, role="buyer", name=name, **fields)


def names_of(entities: list) -> list[list[str]]:
    return sorted(sorted({m.name for m in e.mentions}) for e in entities)


def test_legal_forms_and_punctuation_do_not_matter() -> None:
    assert normalize_party_name("DALIAN TONGHE TRADING CO., LTD.") == "dalian tonghe trading"
    assert normalize_party_name("Dalian Tonghe Trading Company Limited") == "dalian tonghe trading"


def test_phone_numbers_compare_on_their_last_nine_digits() -> None:
    assert normalize_phone("+86 415 315 2288") == normalize_phone("0415-3152288")


def test_spellings_of_one_company_merge() -> None:
    entities = resolve_mentions(
        [
            mention("r1", "Dalian Tonghe Trading Co., Ltd", country="CN"),
            mention("r2", "DALIAN TONGHE TRADING COMPANY LIMITED", country="CN"),
            mention("r3", "Dalian Tong-He Trading Co", country="CN"),
        ]
    )
    assert names_of(entities) == [
        sorted(
            [
                "Dalian Tonghe Trading Co., Ltd",
                "DALIAN TONGHE TRADING COMPANY LIMITED",
                "Dalian Tong-He Trading Co",
            ]
        )
    ]
    assert entities[0].record_ids == ["r1", "r2", "r3"]
    assert 0.9 <= entities[0].confidence <= 1.0


def test_front_companies_sharing_a_phone_stay_apart() -> None:
    phone = "+86 415 315 2288"
    entities = resolve_mentions(
        [
            mention("r1", "Dandong Zhicheng Metallic Material Co", phone=phone, country="CN"),
            mention("r2", "Dandong Jinyuan Trade Co", phone=phone, country="CN"),
        ]
    )
    assert len(entities) == 2


def test_different_registrations_stay_apart_even_with_one_name() -> None:
    entities = resolve_mentions(
        [
            mention("r1", "Golden Star Trading LLC", identifier="AE-123", country="AE"),
            mention("r2", "Golden Star Trading LLC", identifier="HK-998", country="HK"),
        ]
    )
    assert len(entities) == 2


def test_a_shared_registration_number_merges_a_renamed_company() -> None:
    entities = resolve_mentions(
        [
            mention("r1", "Ocean Glory Shipping Ltd", identifier="HK-2231", country="HK"),
            mention("r2", "Sea Pearl Maritime Ltd", identifier="HK 2231", country="HK"),
        ]
    )
    assert len(entities) == 1


def test_chaining_is_guarded() -> None:
    # Each neighbour pair is close, the ends are not: no single entity may hold both ends.
    chain = ["Hua Xin Trading", "Hua Xing Trading", "Hua Xing Tradings", "Hwa Xing Trade Hub"]
    entities = resolve_mentions([mention(f"r{i}", n) for i, n in enumerate(chain)])
    for entity in entities:
        assert not {"Hua Xin Trading", "Hwa Xing Trade Hub"} <= {m.name for m in entity.mentions}


def test_blocking_never_compares_all_pairs() -> None:
    mentions = [mention(f"r{i}", f"Company {i:04d} {chr(65 + i % 26)}x{i}") for i in range(400)]
    pairs = find_candidate_pairs(build_units(mentions))
    assert len(pairs) < 400 * 399 // 20


def test_names_compare_with_and_without_spaces() -> None:
    assert compare_names("tong he", "tonghe") > 0.9
    assert compare_names("korea mining", "dalian trading") < 0.6


def test_to_order_consignees_name_the_bank_or_nobody() -> None:
    assert strip_order_prefix("TO ORDER") == ""
    assert strip_order_prefix("To the order of shipper") == ""
    assert strip_order_prefix("TO ORDER OF Bank of Dandong") == "Bank of Dandong"
    assert strip_order_prefix("Orderly Supplies Ltd") == "Orderly Supplies Ltd"


def test_a_mention_without_country_joins_the_namesake_it_shares_an_address_with() -> None:
    osaka = "Room 1204, 88 Umeda, Osaka"
    yokohama = "Room 2011, 591 Sakae, Yokohama"
    entities = resolve_mentions(
        [
            mention(
                "r1", "Yamato Trading Corporation", country="JP", identifier="JP-1", address=osaka
            ),
            mention(
                "r2",
                "Yamato Trading Corporation",
                country="JP",
                identifier="JP-2",
                address=yokohama,
            ),
            mention("r3", "Yamato Trading Corporation", address=yokohama),
            mention("r4", "Yamato Trading Corporation", address=osaka),
        ]
    )
    owner = {r: e.id for e in entities for r in e.record_ids}
    assert owner["r3"] == owner["r2"] != owner["r1"] == owner["r4"]
