# SPDX-License-Identifier: GPL-2.0-or-later
# Writes a hostile PDF on stdout, for tests/test_hostile_files.sh:
#   awk -v depth=N -v kind=tree|arrays -f make_deep_pdf.awk
# tree: a page tree N levels deep, its one page at the bottom; arrays: the
# catalog holds N nested arrays; both with a valid cross-reference table.
function emit(s) { printf "%s", s; off += length(s) }
function obj(n, body) { o[n] = off; emit(n " 0 obj\n" body "\nendobj\n") }
BEGIN {
    off = 0
    emit("%PDF-1.4\n")
    if (kind == "arrays") {
        o[1] = off
        emit("1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Deep ")
        for (i = 0; i < depth; i++) emit("[")
        for (i = 0; i < depth; i++) emit("]")
        emit(" >>\nendobj\n")
        obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        p = 3
    } else {
        obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
        for (i = 0; i < depth; i++) {
            n = 2 + i
            obj(n, "<< /Type /Pages /Kids [" (n + 1) " 0 R] /Count 1" (i ? " /Parent " (n - 1) " 0 R" : "") " >>")
        }
        p = 2 + depth
    }
    obj(p, "<< /Type /Page /Parent " (p - 1) " 0 R /MediaBox [0 0 595 842] /Contents " (p + 1) \
        " 0 R /Resources << /Font << /F1 " (p + 2) " 0 R >> >> >>")
    s = "BT /F1 12 Tf 72 720 Td (Nghi quyet trang sau) Tj ET"
    obj(p + 1, "<< /Length " length(s) " >>\nstream\n" s "\nendstream")
    obj(p + 2, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    x = off
    N = p + 3
    printf "xref\n0 %d\n0000000000 65535 f \n", N
    for (k = 1; k < N; k++) printf "%010d 00000 n \n", o[k]
    printf "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", N, x
}
