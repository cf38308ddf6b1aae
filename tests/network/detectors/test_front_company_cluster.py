"""front_company_cluster: companies sharing details, with signs that they are fronts."""

from __future__ import annotations

from conftest import Run, make_record

ADDRESS = "Room 1203, 18 Zhongshan Road, Dandong"


def make_registration(
    n: int,
    name: str,
    email: str,
    website: str | None = None,
    address: str = ADDRESS,
    officer: str = "Kim Chol Min",
) -> object:
    return make_record(
        "company_registration",
        f"reg{n}",
        date="2023-06-01",
        incorporation_date="2023-06-01",
        website=website,
        company={"name": name, "address": address, "country": "CN", "email": email},
        officers=[{"name": officer, "role": "director"}],
    )


def make_trade(n: int, seller: str) -> object:
    return make_record(
        "contract", f"c{n}", date="2023-09-01", seller=seller, buyer="Korea Ryonbong General Corp"
    )


def test_fresh_companies_sharing_address_and_director_fire(run: Run) -> None:
    records = [
        make_registration(1, "Dandong Zhicheng Metallic Material Co", "zhicheng@163.com"),
        make_registration(2, "Dandong Jinyuan Trade Co", "jinyuan88@163.com"),
        make_registration(3, "Liaoning Hongtai Industry Co", "hongtai@qq.com"),
        make_trade(1, "Dandong Zhicheng Metallic Material Co"),
        make_trade(2, "Dandong Jinyuan Trade Co"),
    ]
    alerts = run("front_company_cluster", records)
    assert len(alerts) == 1
    assert alerts[0].record_ids == ["reg1", "reg2", "reg3"]
    assert "address" in alerts[0].reason and "officer" in alerts[0].reason
    assert "generic e-mail" in alerts[0].reason


def test_established_neighbours_with_own_sites_are_silent(run: Run) -> None:
    records = [
        make_registration(
            1,
            "Dandong Port Group Co",
            "info@dandongport.com",
            website="https://dandongport.com",
            officer="Wang Lei",
        ),
        make_registration(
            2,
            "Dandong Fisheries Co",
            "sales@dlfish.cn",
            website="https://dlfish.cn",
            officer="Li Na",
        ),
    ]
    assert run("front_company_cluster", records) == []
