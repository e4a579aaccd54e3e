"""统一社会信用代码: the GB 32100-2015 check character and the region it encodes."""

from srdi.profile import credit_code


def test_check_character_by_hand():
    # 91210100MA0YK3N25?: values 9,1,2,1,0,1,0,0,M=21,A=10,0,Y=30,K=19,3,N=22,2,5
    # weights           1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
    # products 9+3+18+27+0+26+0+0+420+290+0+390+152+72+220+60+140 = 1827
    # 1827 mod 31 = 29, 31 - 29 = 2 → check character "2"
    assert credit_code.check_character("91210100MA0YK3N25") == "2"
    assert credit_code.problem("91210100MA0YK3N252") is None


def test_wrong_check_digit_is_named():
    msg = credit_code.problem("91210100MA0YK3N253")
    assert msg is not None and "最后一位应为 '2'" in msg


def test_length_and_alphabet():
    assert "应为18位" in (credit_code.problem("9121010") or "")
    # I, O, Z, S, V never occur
    assert "不使用 I、O、Z、S、V" in (credit_code.problem("91210100MA0YK3NI52") or "")


def test_full_width_and_spaces_are_normalised():
    assert credit_code.normalise("９１２１ ０１００MA0YK3N25２") == "91210100MA0YK3N252"


def test_region_code_is_characters_3_to_8():
    # characters 3–8 of 91210100… are 210100: 沈阳市, in 辽宁省 (210000)
    assert credit_code.region_code("91210100MA0YK3N252") == "210100"
