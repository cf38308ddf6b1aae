"""Korean surname tables: the common family names and the list spellings that the syllable
reader cannot derive on its own (Park, Lee, Choi, Chung ...).

Sources: the most frequent family names of the 2015 South Korean census (Statistics Korea)
and their usual passport and list spellings, plus the northern forms (리, 림, 량, 렴, 류, 로)
seen in the UN and EU DPRK lists.
"""

from __future__ import annotations

# Northern and southern forms of the same name are both listed; they share one key.
HANGUL_SURNAMES: tuple[str, ...] = tuple(
    dict.fromkeys(
        "김 이 리 박 최 정 강 조 윤 장 임 림 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 량 손 배 "
        "백 허 노 로 남 심 하 곽 성 차 주 우 구 민 나 라 진 지 엄 채 원 천 방 공 현 함 변 염 렴 "
        "여 려 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 륙 인 맹 제 모 탁 국 어 은 편 "
        "용 예 경 봉 사 부 가 복 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 시 단 "
        "견 당 화 창 "
        "남궁 제갈 선우 황보 독고 사공 서문 동방 망절 어금 소봉".split()
    )
)

# Two-syllable family names, recognised at the start of an unspaced Hangul name.
COMPOUND_SURNAMES: frozenset[str] = frozenset(s for s in HANGUL_SURNAMES if len(s) == 2)

# Latin spellings whose letters the syllable reader would read as another syllable, or not
# at all: "Park" has an r, "Chung"/"Jung" are 정 (jeong) not 중, "Sung" is 성 not 승.
LIST_SPELLINGS: dict[str, str] = {
    "park": "박", "bahk": "박", "pahk": "박", "back": "백", "paik": "백", "baik": "백",
    "lee": "이", "rhee": "이", "yi": "이", "i": "이", "li": "이", "rhie": "이", "ree": "이",
    "choi": "최", "choe": "최", "chwe": "최", "choy": "최", "choei": "최",
    "chung": "정", "jung": "정", "joung": "정", "cheong": "정",
    "sung": "성", "seong": "성", "soung": "성",
    "suh": "서", "seo": "서", "surh": "서", "huh": "허", "hur": "허", "heo": "허",
    "uhm": "엄", "um": "엄", "eom": "엄", "yuh": "여", "lim": "임", "yim": "임", "rim": "림",
    "leem": "임", "im": "임", "oh": "오", "o": "오", "woo": "우", "wu": "우",
    "shin": "신", "sin": "신", "yoon": "윤", "youn": "윤", "yun": "윤",
    "ryu": "류", "yu": "유", "yoo": "유", "rhyu": "류", "ryoo": "류", "lyu": "류",
    "ryang": "량", "yang": "양", "ryom": "렴", "yeom": "염", "youm": "염",
    "roh": "노", "noh": "노", "rho": "노", "ro": "로", "no": "노",
    "ahn": "안", "an": "안", "kang": "강", "gang": "강", "koh": "고", "ko": "고", "go": "고",
    "cho": "조", "jo": "조", "joe": "조", "kwon": "권", "gwon": "권", "kweon": "권",
    "moon": "문", "mun": "문", "sohn": "손", "son": "손", "bae": "배", "pae": "배",
    "hwang": "황", "whang": "황", "hong": "홍", "han": "한", "hahn": "한",
    "kim": "김", "gim": "김", "ghim": "김", "jang": "장", "chang": "장", "jeon": "전",
    "chon": "전", "jon": "전", "chun": "전", "cheon": "천", "jun": "전",
    "hyun": "현", "hyon": "현", "byun": "변", "pyon": "변", "byeon": "변",
    "joo": "주", "ju": "주", "chu": "주", "choo": "추", "koo": "구", "ku": "구", "gu": "구",
    "namgung": "남궁", "namkung": "남궁", "jegal": "제갈", "chegal": "제갈",
    "sunwoo": "선우", "sonu": "선우", "seonu": "선우", "hwangbo": "황보", "hwangpo": "황보",
    "dokgo": "독고", "tokko": "독고", "sagong": "사공", "sakong": "사공",
}  # fmt: skip
