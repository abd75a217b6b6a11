# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for vankien and vankien-searchd: the commands, their
# options, option values (index folders, files, sort orders) and, in a
# search query, the field names of the query language (query/fields.c) and
# the document types. Installed as share/bash-completion/completions/vankien
# and .../vankien-searchd; works without the bash-completion package too.

# The options of each command, as its --help lists them.
_vankien_options() {
    case $1 in
    index) echo "--db --full --batch --jobs --quiet --help" ;;
    search) echo "--db --json --limit --offset --sort --help" ;;
    show | cites) echo "--db --json --help" ;;
    check) echo "--db --json --annotate --suggest-changes --output --help" ;;
    cite) echo "--db --json --section --limit --help" ;;
    stats) echo "--db --json --files --help" ;;
    shard) echo "--db --by-year --count --help" ;;
    parse) echo "--json --summary --help" ;;
    analyze) echo "--json --help" ;;
    esac
}

# The field names of the query language, Vietnamese then English.
_vankien_fields="so: number: loai: type: nam: year: ngay: date: muc: section: dieu: article: tieude: heading: coquan: issuer: khoa: term: trich: cites:"

# The document types' slugs (corpus/types.c) and the kinds of text
# (qr_text_kind in query/parse.c), for loai: and type:.
_vankien_types="nghi-quyet quyet-dinh quy-dinh chi-thi ket-luan ke-hoach chuong-trinh de-an cong-van huong-dan thong-bao bao-cao to-trinh quy-che thong-tri thong-cao bien-ban quy-hoach ban-sao nghi-dinh thong-tu thong-tu-lien-tich nghi-quyet-lien-tich luat bo-luat phap-lenh lenh hien-phap dieu-le cong-dien van-ban-hop-nhat vanban khac hoidap bachkhoa tintuc"

# _vankien_reply WORDS CUR: COMPREPLY gets the WORDS that start with CUR.
_vankien_reply() {
    local w
    COMPREPLY=()
    for w in $1; do
        [[ $w == "$2"* ]] && COMPREPLY+=("$w")
    done
}

_vankien_files() {
    if [[ $1 == dirs ]]; then
        mapfile -t COMPREPLY < <(compgen -d -- "$2")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$2")
    fi
    compopt -o filenames 2>/dev/null
}

_vankien() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="index search show cite cites check stats shard parse analyze"

    if ((COMP_CWORD == 1)); then
        _vankien_reply "$commands --help --version" "$cur"
        return 0
    fi
    local cmd=${COMP_WORDS[1]}
    case $prev in
    --db)
        _vankien_files dirs "$cur"
        return 0
        ;;
    --sort)
        _vankien_reply "relevance date" "$cur"
        return 0
        ;;
    --limit | --offset | --batch | --jobs | --count | --section)
        COMPREPLY=()
        return 0
        ;;
    esac
    if [[ $cur == -* ]]; then
        _vankien_reply "$(_vankien_options "$cmd")" "$cur"
        return 0
    fi
    case $cmd in
    search)
        # bash splits words at ':' (COMP_WORDBREAKS): the word under the
        # cursor is read from the line, and what bash puts back is the part
        # after its last ':'.
        local line=${COMP_LINE-}
        [[ -n $line ]] && cur=${line:0:${COMP_POINT:-${#line}}} && cur=${cur##*[[:space:]]}
        case $cur in
        loai:* | type:*)
            local f=${cur%%:*}: t words=""
            for t in $_vankien_types; do words+=" $f$t"; done
            _vankien_reply "$words" "$cur"
            ;;
        *:*) COMPREPLY=() ;;
        *) _vankien_reply "$_vankien_fields" "$cur" ;;
        esac
        # A field name is followed by its value, not by a space.
        [[ ${#COMPREPLY[@]} -gt 0 && ${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null
        if [[ ${COMP_WORDBREAKS-} == *:* && $cur == *:* ]]; then
            local i head=${cur%"${cur##*:}"}
            for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=${COMPREPLY[i]#"$head"}; done
        fi
        ;;
    index | parse | check) _vankien_files files "$cur" ;;
    *) COMPREPLY=() ;;
    esac
    return 0
}

_vankien_searchd() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    case $prev in
    --db)
        _vankien_files dirs "$cur"
        return 0
        ;;
    --config)
        _vankien_files files "$cur"
        return 0
        ;;
    --listen)
        _vankien_reply "127.0.0.1:8765 0.0.0.0:8765" "$cur"
        return 0
        ;;
    --log-level)
        _vankien_reply "0 1 2" "$cur"
        return 0
        ;;
    --threads | --max-connections | --max-per-ip | --timeout | --max-query | --max-limit | --max-body | --query-time | --cors-origin)
        COMPREPLY=()
        return 0
        ;;
    esac
    _vankien_reply "--config --db --listen --threads --max-connections --max-per-ip --timeout --max-query --max-limit --max-body --query-time --log-level --cors-origin --show-paths --help --version" "$cur"
    return 0
}

complete -F _vankien vankien
complete -F _vankien_searchd vankien-searchd
