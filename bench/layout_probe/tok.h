// SPDX-License-Identifier: GPL-2.0-or-later
// tok.h: rough Vietnamese tokenizer shared by probe.cc and qbench.cc.
// Tokens = maximal runs of letters/digits (plus combining marks), lower-cased
// and NFC-normalised (exact form); folded form = NFD, combining marks removed,
// đ -> d. Positions advance by 1 per token and by PARA_GAP at each '\n'.
#pragma once
#include <string>
#include <vector>
#include <unordered_map>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static const unsigned PARA_GAP = 8;  // as IX_PARA_GAP in ix_schema.h

struct Tok {
    std::string exact, folded;
    unsigned pos;
    unsigned para;  // paragraph number within the input text
};

static inline void put_utf8(std::string& s, UChar32 c) {
    if (c < 0x80) s += char(c);
    else if (c < 0x800) { s += char(0xC0 | (c >> 6)); s += char(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) { s += char(0xE0 | (c >> 12)); s += char(0x80 | ((c >> 6) & 0x3F)); s += char(0x80 | (c & 0x3F)); }
    else { s += char(0xF0 | (c >> 18)); s += char(0x80 | ((c >> 12) & 0x3F)); s += char(0x80 | ((c >> 6) & 0x3F)); s += char(0x80 | (c & 0x3F)); }
}

// Decode one UTF-8 code point at s[i], advancing i (invalid byte -> U+FFFD).
static inline UChar32 get_utf8(const std::string& s, size_t& i) {
    unsigned char c = s[i];
    if (c < 0x80) { i++; return c; }
    int n = (c >= 0xF0) ? 3 : (c >= 0xE0) ? 2 : (c >= 0xC0) ? 1 : -1;
    if (n < 0 || i + n >= s.size()) { i++; return 0xFFFD; }
    UChar32 cp = c & (0x3F >> n);
    for (int k = 1; k <= n; k++) {
        unsigned char d = s[i + k];
        if ((d & 0xC0) != 0x80) { i++; return 0xFFFD; }
        cp = (cp << 6) | (d & 0x3F);
    }
    i += n + 1;
    return cp;
}

class Tokenizer {
    const UNormalizer2 *nfc, *nfd;
    std::unordered_map<std::string, std::pair<std::string, std::string>> cache;  // raw lower -> (exact, folded)

    std::string normalize(const std::string& in, const UNormalizer2* n, bool strip) {
        UErrorCode e = U_ZERO_ERROR;
        std::u16string u(in.size() + 1, u'\0');
        int32_t len = 0;
        u_strFromUTF8(reinterpret_cast<UChar*>(&u[0]), (int32_t)u.size(), &len, in.data(), (int32_t)in.size(), &e);
        if (U_FAILURE(e)) return in;
        u.resize(len);
        std::u16string o(len * 4 + 8, u'\0');
        e = U_ZERO_ERROR;
        int32_t olen = unorm2_normalize(n, reinterpret_cast<const UChar*>(u.data()), len,
                                        reinterpret_cast<UChar*>(&o[0]), (int32_t)o.size(), &e);
        if (U_FAILURE(e)) return in;
        std::string out;
        for (int32_t i = 0; i < olen;) {
            UChar32 c;
            U16_NEXT(o.data(), i, olen, c);
            if (strip) {
                if (u_charType(c) == U_NON_SPACING_MARK) continue;
                if (c == 0x111 || c == 0x110) c = 'd';
            }
            put_utf8(out, c);
        }
        return out;
    }

public:
    Tokenizer() {
        UErrorCode e = U_ZERO_ERROR;
        nfc = unorm2_getNFCInstance(&e);
        nfd = unorm2_getNFDInstance(&e);
    }

    const std::pair<std::string, std::string>& forms(const std::string& raw) {
        auto it = cache.find(raw);
        if (it != cache.end()) return it->second;
        std::string ex = normalize(raw, nfc, false);
        std::string fo = normalize(raw, nfd, true);
        return cache.emplace(raw, std::make_pair(ex, fo)).first->second;
    }

    // Append tokens of text to out; positions start at *pos (updated).
    void tokenize(const std::string& text, std::vector<Tok>& out, unsigned& pos, unsigned& para) {
        std::string cur;
        size_t i = 0;
        auto flush = [&]() {
            if (cur.empty()) return;
            const auto& f = forms(cur);
            out.push_back(Tok{f.first, f.second, pos++, para});
            cur.clear();
        };
        while (i < text.size()) {
            UChar32 c = get_utf8(text, i);
            if (u_isalnum(c) || (!cur.empty() && u_charType(c) == U_NON_SPACING_MARK)) {
                put_utf8(cur, u_tolower(c));
            } else {
                flush();
                if (c == '\n') { pos += PARA_GAP; para++; }
            }
        }
        flush();
    }
};
