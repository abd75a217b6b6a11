/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The last failure of the index library, said for a user (ix.h). */
#include <stdio.h>

#include "common/i18n.h"
#include "indexer/ix.h"
#include "xapian-c/xc.h"

/* What a status means to a user; NULL for none. */
static const char *
meaning(xc_status st)
{
    switch (st) {
    case XC_OK: return NULL;
    case XC_EINVAL: return N_("the index was given a value it refuses");
    case XC_ENOMEM: return N_("out of memory");
    case XC_ENOTFOUND: return N_("there is no index there");
    case XC_ELOCKED: return N_("the index is locked by another indexing run");
    case XC_EMODIFIED: return N_("the index changed while it was read; try again");
    case XC_ECORRUPT: return N_("the index is damaged; rebuild it with vankien index --full");
    case XC_EVERSION: return N_("the index was written by an incompatible version of Xapian");
    case XC_EBADQUERY: return N_("the query cannot be run");
    case XC_EOPENING: return N_("the index cannot be opened (not an index, or no permission)");
    case XC_EIO: return N_("reading or writing the index failed (is the disk full?)");
    case XC_EXAPIAN:
    case XC_EINTERNAL: return N_("the index library failed");
    }
    return N_("the index library failed");
}

const char *
ix_index_error(void)
{
    static _Thread_local char buf[VK_ERROR_MAX];
    const char *m = meaning(xc_errstatus());
    if (!m)
        return "";
    if (vk_get_lang() == VK_LANG_EN)
        snprintf(buf, sizeof buf, "%s (%s)", m, xc_errmsg());
    else
        snprintf(buf, sizeof buf, "%s", _(m));
    return buf;
}
