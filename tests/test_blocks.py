from toolkit.blocks import split_blocks


def test_blank_lines_split_blocks_and_inner_lines_stay():
    assert split_blocks("A\n\nB\nC\n\n\nD") == ["A", "B\nC", "D"]


def test_whitespace_only_lines_are_blank():
    assert split_blocks("A\n \u00a0\t\nB\n\u3000\nC") == ["A", "B", "C"]


def test_page_without_blank_lines_splits_per_line():
    assert split_blocks("Home\nTitle\nFirst paragraph.\n") == ["Home", "Title", "First paragraph."]


def test_blocks_are_trimmed_not_altered():
    assert split_blocks("  A  b  \n\n\tC\t") == ["A  b", "C"]


def test_empty_page_has_no_blocks():
    assert split_blocks("") == [] and split_blocks("\n \n") == []


# A text view that flattened a whole page into one run of lines.
MENU = "Home\nNews\nSport\nBusiness\nWeather\nContact"
STORY = ("A storm closed the harbour on Tuesday as waves of up to six metres broke over the sea wall.\n"
         "Ferries to the islands will not sail before Thursday, the port authority said in a statement.")
MERGED = MENU + "\n" + STORY + "\nShare\nPrint"


def test_a_merged_block_is_cut_where_its_lines_change_kind():
    from toolkit.blocks import is_merged, split_merged

    assert is_merged(MERGED)
    assert split_merged(["Title", MERGED, "Footer"]) == ["Title", MENU, STORY, "Share\nPrint", "Footer"]


def test_widgets_lists_code_and_wrapped_paragraphs_stay_whole():
    from toolkit.blocks import is_merged

    cookie = ("Cookies on this site\nWe use some essential cookies to make this website work for everyone who visits it.\n"
              "We would like to set additional cookies to understand how you use the website and improve it.\n"
              "Accept\nReject\nSettings")
    wrapped = ("The council met on Monday evening to discuss the new parking charges and\n"
               "agreed, after a long debate, that the charges would start in the spring.\n"
               "residents who objected were told that the money would fund the bus service\n"
               "and the repairs.\nYes\nNo\nMaybe\nLater\nOther lines\nMore")
    code = "\n".join(["def handler(request):", "    key = request.headers.get('X-Key')",
                      "    # a comment that explains at some length why the key is read from the headers here",
                      "    # and another comment line that is long enough to read as prose to a naive test",
                      "    if not key:", "        return None", "    return key", "", "x = 1", "y = 2", "z = 3"])
    listing = "\n".join(f"{i}. Item {i}" for i in range(1, 13))
    for text in (cookie, wrapped, code, listing):
        assert not is_merged(text), text[:40]


def test_text_pages_cut_merged_blocks_and_keep_every_line():
    from toolkit.page import build_page

    page = build_page("Headline\n\n" + MERGED)
    texts = [b.text for b in page.blocks]
    assert texts == ["Headline", MENU, STORY, "Share\nPrint"]
    assert "\n".join(texts[1:]) == MERGED  # every line, in order, once
    assert [b.index for b in page.blocks] == list(range(len(texts)))


def test_html_blocks_are_never_cut_since_their_evidence_joins_by_index():
    from toolkit.page import build_page

    evidence = ["headline element", "one div of the page"]  # one record per element, as toolkit.html gives
    page = build_page("Headline\n\n" + MERGED, evidence=evidence)
    assert [b.text for b in page.blocks] == ["Headline", MERGED]
    assert page.evidence == tuple(evidence)
