/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ix_schema.h: the layout of a vankien index, shared by the writer (indexer/)
 * and the readers (query/). Changing anything here that an existing index
 * relies on means raising IX_FORMAT_VERSION.
 *
 * One Xapian document per document (cp_doc): the passages of all its
 * sections (each section's heading and its own paragraphs; the preamble's
 * also hold the header), one after the other, their positions running on
 * (Positions below). The query's words match a document when its sections
 * hold them between them; a hit then points at the section whose positions
 * hold the most of them (query/pick.c), and the filters of sections,
 * headings and citations are checked on the sections, by the positions of
 * their terms, which mark each section's start. The group of copies in a
 * value slot collapses hits to one result per document.
 *
 * Terms
 *   <exact>          syllable, exact form (NFC, case-folded, canonical tone),
 *                    with positions                            "quyết"
 *   F<folded>        the same syllable without diacritics, without
 *                    positions: a phrase typed without diacritics is
 *                    matched on the exact terms of the word's spellings
 *                    (the synonym table below)                 "Fquyet"
 *                    Other tokens (numbers, Roman numerals, overlays) keep
 *                    the positions of their folded terms too.
 *                    Overlay tokens (an.h: document numbers, dates, ...)
 *                    are indexed the same way, at the position of the
 *                    first plain token they cover        "28-nq/tw", "2022-11-17"
 *   BF<a> <b>        adjacent syllables (bigram), folded, no positions:
 *                    ranking evidence for adjacent query words, and a filter
 *                    narrowing the passages a phrase checks    "BFhe thong"
 *                    None where either syllable is a stopword (lexicon.h):
 *                    "của các" or "đảng và" would be 40 % of the bigrams'
 *                    postings and tell little; none where neither word
 *                    has a Vietnamese shape (an_is_vi_syllable; Roman
 *                    numerals have): the English of encyclopedia pages
 *                    and news would be 31 % of the bigram terms, most of
 *                    them found once ("dụng internet" is kept).
 *   Q<uid>           unique document id: file hash and document index
 *   XFILE<hash>      every document of one file (deleting a file)
 *   XDOC<key>        the document of this key                  "XDOC28-nq-tw-2022"
 *   XT<code>         type code, case-folded                    "XTnq"
 *   XY<year>         year of issue                             "XY2022"
 *   XN<number>       document number, case-folded              "XN28-nq/tw"
 *   XS<label>        each section's label cut at each '.', and each of its
 *                    ancestors' labels; a repeated number's label also
 *                    without its suffix ("V.4.1~2": "XSV.4.1"), marking
 *                    the section: a position at its start, no wdf
 *                                                              "XSIII", "XSIII.3"
 *                    "XSChương II", "XSMục 1 Chương II", "XSĐiều 5", "XSĐiều 5.2"
 *   XH<exact>        words of each section's own heading, without
 *   XHF<folded>      positions: the heading is the start of the section's
 *                    text, whose terms have them (the record's heading_end
 *                    says where it ends); a heading filter asks the
 *                    section's or an ancestor's heading
 *   XJ<a b>          folded bigrams of the section's own heading (not its
 *                    parents'; not a khoản's or điểm's first clause), and on a
 *                    document's preamble of its title, paired as for BF:
 *                    a question answered by one article ranks that article
 *                    above the passages under it, whose parents' headings
 *                    hold the same words, and a title typed ranks the
 *                    document above the pages that speak of it
 *   XE<a b ...>      the section's own heading (or the preamble's title, as
 *                    for XJ) whole, folded, its words one space apart, when
 *                    it is 2 to IX_OWN_HEADING_WHOLE_MAX syllables and
 *                    nothing else: "Tổ chức thực hiện", "CÁN BỘ" typed as a
 *                    query ranks the section so titled above those that
 *                    only speak of it                 "XEto chuc thuc hien"
 *   XO<number>       the document's own number, folded, wdf 1 (not boolean,
 *                    so that "is this number" can weigh in ranking)
 *   XK<slug>         type slug                                 "XKnghi-quyet"
 *   XI<word>         each word of the issuer, folded           "XIban", "XItrung"
 *   XR<term>         the term (khoá), lower case               "XRxiii"
 *   XC<number>       a document this document cites, folded, marking the
 *                    sections that cite it (as XS)            "XC28-nq/tw"
 *   XG<group>        the group of copies of the document (IX_SLOT_GROUP), so
 *                    that a document's copies are one posting list
 *   XM<num>-<type>   the document's own Party number without its issuer:
 *                    the digits without leading zeros, "-", the type code
 *                    folded (an_fold_text)              "XM28-nq", "XM4-kl"
 *                    ("Nghị quyết 28" finds 28-NQ/TW and 28-NQ/TU alike)
 *   XCM<num>-<type>  the same for a Party number this document cites
 *                                                              "XCM58-qd"
 *   XCP<plenum>      this document cites a plenum by its informal name
 *                    ("Nghị quyết Trung ương 4 khoá XII"): the plenum in
 *                    digits                                    "XCP4"
 *   XCG<congress>    this document cites a congress resolution by name
 *                    ("Nghị quyết Đại hội XII"), lower case    "XCGxii"
 *                    (XCM, XCP, XCG mark the citing sections as XC does)
 *   XL<kind>         what the text is (IX_KIND_*): "XLvanban" on a
 *                    document; "XLkhac" and "XLqa", "XLencyclopedia" or
 *                    "XLnews" on a text that only cites
 *                    documents (cp_doc.nondoc); filters loai:vanban,
 *                    loai:khac, loai:hoidap, loai:bachkhoa, loai:tintuc
 * Positions: successive tokens take successive positions; paragraphs are
 * IX_PARA_GAP positions apart so that a phrase never spans two paragraphs,
 * and so are sections. Each section starts at a position of its own (one
 * without text takes one position), recorded in the stored data: position
 * p lies in the last section starting at or before it.
 *
 * Values
 *   IX_SLOT_KEY    document key (collapse key)
 *   IX_SLOT_DATE   date of issue "YYYYMMDD" (sorts by date), empty if unknown
 *   IX_SLOT_TYPE   type code as written ("NQ")
 *   IX_SLOT_YEAR   year "2022"
 *   IX_SLOT_SECTIONS the number of the document's sections that have text
 *                  (its passages), in decimal: what the index holds is
 *                  counted by summing it (query/stats.c)
 *   IX_SLOT_ISSUER issuer as in the model, tone marks placed by rule so that
 *                  one body is one facet value ("Tỉnh uỷ Bắc Ninh")
 *   IX_SLOT_GROUP  the key of the group of copies of one document: the
 *                  same type, title and term in several files (one with a
 *                  number line, one without) are one result
 *   IX_SLOT_FACETS the facets of the passage's document, each field
 *                  ended by IX_FIELD_SEP ("\x1e") but the last, which
 *                  IX_PAIR_SEP ("\x1f") and the group key follow: the
 *                  type code, the year, the issuer (as IX_SLOT_ISSUER), each
 *                  empty when not known, and the kind (IX_KIND_DOCUMENT or
 *                  the cp_doc.nondoc value, never empty), at IX_FACET_*
 *                  "NQ\x1e2022\x1eBan Chấp hành Trung ương\x1evanban\x1f<group>"
 *                  Facets count documents (distinct pairs of a field and
 *                  the group) with Xapian's own value counter, which remote
 *                  shards (xapian-tcpsrv) can run, one value read per
 *                  matching document for all four
 *   IX_SLOT_KIND   the kind alone ("vanban", "qa", "encyclopedia", "news")
 *   IX_SLOT_TIE    the date of issue ("YYYYMMDD", "00000000" if unknown) and
 *                  the document key: orders results of equal relevance
 *                  (newer first), so that ties do not depend on document
 *                  ids, which differ from one layout of shards to another
 *
 * Stored data: everything a result needs without the source file, written
 * and read only through the record codec of ix_passage.h (which names the
 * fields and says how they are laid out): the document's key, path, kind
 * (nondoc), number, type, type code, date, title, issuer, term,
 * conference, place and signer; for each section its start position,
 * parent, label, display (the label as readers cite it: "Điều 5, khoản
 * 2"), kind (cp_sec_kind_name: "article", "clause" ...), heading and step
 * of the breadcrumb ("number. heading" or, for articles, chapters and
 * parts, "Điều 5. heading"); then the sections' passage texts (heading and
 * paragraphs joined by "\n"; offsets in snippets refer to a section's).
 *
 * Synonyms: each folded word maps to the spellings with diacritics seen in
 * the text and headings ("quyet" -> "quyết"), the vocabulary behind "did you
 * mean" and the spellings a phrase typed without diacritics stands for.
 *
 * Database metadata: "vankien.format" holds IX_FORMAT_VERSION as text;
 * "vankien.updated" the time of the last commit that changed something
 * (UTC, "2026-11-22T16:40:00Z"); "vankien.file.<16 hex digits of the hash of
 * the absolute path>" one record per indexed file, "<16 hex digits of the
 * hash of its bytes> <absolute path>" (incremental indexing);
 * "vankien.stat.<the same 16 hex digits>" the size, modification time
 * (seconds, nanoseconds) and inode number the file had when it was read,
 * "<size> <sec> <nsec> <ino>": a file that still has them is not read
 * again to be hashed.
 */
#ifndef VK_IX_SCHEMA_H
#define VK_IX_SCHEMA_H

/* Index format history:
 *   1  first version: passages per section, exact and folded terms.
 *   2  overlay tokens (document numbers, dates, ...), bigrams, i/y
 *      spelling variants folded into one exact term.
 *   3  heading, issuer, term, type-slug, own-number and citation terms;
 *      issuer and group values; synonyms map folded words to their
 *      spellings with diacritics (for suggestions).
 *   4  short-number terms (own XM, cited XCM) and informal-name citation
 *      terms (XCP plenum, XCG congress), for citation look-up.
 *   5  group terms (XG) for copies and exclusions; the issuer value with
 *      its tone marks placed by rule.
 *   6  facet pair values (type, year, issuer with the group key), so that
 *      facets over remote shards count documents; the tie-break value;
 *      bigrams in the folded form only (no B terms).
 *   7  no positions for the folded terms of syllables (text and headings):
 *      phrases typed without diacritics match the words' spellings.
 *   8  no bigrams with a stopword.
 *   9  the headers of real documents (letterheads, state types); the group
 *      of copies (XG, IX_SLOT_GROUP) by the text of the document (headings,
 *      the opening of each top section) beside type, title and term: two
 *      regulations of one title are two documents; articles: sections of
 *      regulations labelled as cited ("Chương II", "Điều 5", "Điều 5.2"),
 *      with display and kind in the stored data; section terms for every
 *      ancestor's label and for a repeated number's label without its
 *      suffix; kind terms (XL) and values (IX_SLOT_KIND,
 *      a kind-and-group value), and "nondoc" in the stored data: documents
 *      told from Q&A articles, encyclopedia pages and news stories; web
 *      boilerplate left out of the text; the bigrams of a section's own
 *      heading (XJ).
 *  10  a section's short own heading whole (XE).
 *  11  the key of a local people's committee or council's document names
 *      its place ("82-2025-qd-ubnd-da-nang-2025"): two provinces' documents
 *      of one number are two documents.
 *  12  the four facet pair values (type, year, issuer, kind, slots 8, 9,
 *      10 and 12, no longer written) in one value (IX_SLOT_FACETS): facets
 *      read one value per matching passage rather than four.
 *  13  one Xapian document per document rather than per section: positions
 *      running on through the sections, whose starts the stored record
 *      keeps; section, heading and citation terms marking the sections by
 *      position; heading terms without positions; the section order and
 *      label values (slots 4, 5) no longer written, the number of sections
 *      with text in slot 4.
 *  14  no bigrams (BF, XJ) of two words without a Vietnamese shape. */
#define IX_FORMAT_VERSION 14

#define IX_META_FORMAT "vankien.format"
#define IX_META_UPDATED "vankien.updated"
#define IX_META_FILE_PREFIX "vankien.file."
#define IX_META_STAT_PREFIX "vankien.stat."

#define IX_PREFIX_FOLDED "F"
#define IX_PREFIX_BIGRAM_FOLDED "BF"
#define IX_PREFIX_UID "Q"
#define IX_PREFIX_FILE "XFILE"
#define IX_PREFIX_DOC "XDOC"
#define IX_PREFIX_TYPE "XT"
#define IX_PREFIX_YEAR "XY"
#define IX_PREFIX_NUMBER "XN"
#define IX_PREFIX_SECTION "XS"
#define IX_PREFIX_HEADING "XH"
#define IX_PREFIX_HEADING_FOLDED "XHF"
#define IX_PREFIX_OWN_HEADING "XJ"
#define IX_PREFIX_OWN_HEADING_WHOLE "XE"
#define IX_PREFIX_OWN_NUMBER "XO"
#define IX_PREFIX_TYPE_SLUG "XK"
#define IX_PREFIX_ISSUER "XI"
#define IX_PREFIX_TERM "XR"
#define IX_PREFIX_CITES "XC"
#define IX_PREFIX_GROUP "XG"
#define IX_PREFIX_SHORT_NUMBER "XM"
#define IX_PREFIX_CITES_SHORT "XCM"
#define IX_PREFIX_CITES_PLENUM "XCP"
#define IX_PREFIX_CITES_CONGRESS "XCG"
#define IX_PREFIX_KIND "XL"

/* Kinds (XL terms, IX_SLOT_KIND): a document, any other text, and each
 * kind of other text (cp_doc.nondoc) under its own name. */
#define IX_KIND_DOCUMENT "vanban"
#define IX_KIND_OTHER "khac"

enum {
    IX_SLOT_KEY = 0,
    IX_SLOT_DATE = 1,
    IX_SLOT_TYPE = 2,
    IX_SLOT_YEAR = 3,
    IX_SLOT_SECTIONS = 4,
    IX_SLOT_ISSUER = 6,
    IX_SLOT_GROUP = 7,
    IX_SLOT_TIE = 11,
    IX_SLOT_KIND = 13,
    IX_SLOT_FACETS = 14
};

/* The fields of IX_SLOT_FACETS, in order. */
enum { IX_FACET_TYPE = 0, IX_FACET_YEAR = 1, IX_FACET_ISSUER = 2, IX_FACET_KIND = 3 };

/* The longest heading, in syllables, indexed whole (XE). */
#define IX_OWN_HEADING_WHOLE_MAX 8

/* Separates the facets from the group key in IX_SLOT_FACETS. */
#define IX_PAIR_SEP '\x1f'

/* Separates one facet from the next in IX_SLOT_FACETS. */
#define IX_FIELD_SEP '\x1e'

/* Position gap between paragraphs, and between sections. */
#define IX_PARA_GAP 8

/* Default database directory when neither --db nor VANKIEN_DB is given. */
#define IX_DEFAULT_DB "vankien.db"

#endif /* VK_IX_SCHEMA_H */
