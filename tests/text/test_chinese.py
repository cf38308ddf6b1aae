from interdictor.text import (
    chinese_surname_key,
    chinese_surname_keys,
    han_name_pinyin,
    han_to_pinyin,
    is_han,
    split_han_name,
)


def test_han_to_pinyin_is_toneless() -> None:
    assert han_to_pinyin("金正恩") == ["jin", "zheng", "en"]
    # OFAC SDN 20565 MA, Xiaohong, director of Dandong Hongxiang
    assert han_to_pinyin("马晓红") == ["ma", "xiao", "hong"]
    assert han_to_pinyin("丹东鸿祥", person=False) == ["dan", "dong", "hong", "xiang"]
    assert han_to_pinyin("吕布") == ["lu", "bu"]


def test_family_name_takes_its_surname_reading() -> None:
    assert han_to_pinyin("单雄信") == ["shan", "xiong", "xin"]  # not dan
    assert han_to_pinyin("曾国藩") == ["zeng", "guo", "fan"]  # not ceng
    assert han_to_pinyin("单位", person=False) == ["dan", "wei"]


def test_split_han_name_knows_compound_surnames() -> None:
    assert split_han_name("欧阳修") == ("欧阳", "修")
    assert split_han_name("司马光") == ("司马", "光")
    assert split_han_name("诸葛亮") == ("诸葛", "亮")
    assert split_han_name("周建书") == ("周", "建书")  # OFAC SDN 20566 ZHOU, Jianshu
    assert han_to_pinyin("欧阳修") == ["ouyang", "xiu"]


def test_surname_variants_map_to_pinyin() -> None:
    assert "chen" in chinese_surname_keys("Chan")
    assert "zhang" in chinese_surname_keys("Cheung")
    assert chinese_surname_keys("Wong") >= {"huang", "wang"}
    assert chinese_surname_key("Hsu") == "xu"
    assert chinese_surname_key("Tsang") == "zeng"
    assert "wu" in chinese_surname_keys("Ng")  # also 黄 in Hokkien
    assert chinese_surname_key("Kwok") == "guo"
    assert chinese_surname_key("Zhou") == "zhou"
    assert chinese_surname_key("Szema") == "sima"
    assert chinese_surname_keys("Smith") == frozenset()


def test_is_han() -> None:
    assert is_han("马晓红")
    assert not is_han("김정은")
    assert not is_han("Ma Xiaohong")


def test_han_name_pinyin_splits_family_and_given() -> None:
    assert han_name_pinyin("单雄信") == (["shan"], ["xiong", "xin"])
    assert han_name_pinyin("欧阳修") == (["ouyang"], ["xiu"])
    assert han_name_pinyin("马晓红") == (["ma"], ["xiao", "hong"])
