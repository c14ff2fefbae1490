/* Status texts and the per-call error detail (nc_error). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

NC_EXPORT const char *nc_strerror(int code)
{
    switch (code) {
    case NC_OK: return "success";
    case NC_ENOMEM: return "out of memory";
    case NC_EINVAL: return "invalid argument";
    case NC_EIO: return "input/output error";
    case NC_EUTF8: return "invalid UTF-8";
    case NC_EPARSE: return "parse error";
    case NC_ELIMIT: return "input exceeds a limit";
    case NC_ENOTIMPL: return "not implemented";
    case NC_EICU: return "ICU error";
    default: return "unknown error";
    }
}

NC_EXPORT void nc_error_clear(nc_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->offset = -1;
}

nc_status nci_error_set(nc_error *err, nc_status code, int64_t offset, int64_t line,
                        int64_t column, const char *fmt, ...)
{
    if (!err)
        return code;
    nc_error_clear(err);
    err->code = (int)code;
    err->offset = offset;
    err->line = line;
    err->column = column;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    } else {
        snprintf(err->message, sizeof err->message, "%s", nc_strerror((int)code));
    }
    return code;
}

/* Lines end at LF, CRLF or a lone CR; columns count code points (lead bytes
 * and invalid bytes), both 1-based. */
void nci_line_col(const char *text, size_t len, size_t off, int64_t *line, int64_t *col)
{
    int64_t ln = 1, c = 1;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b == '\n') {
            if (!(i > 0 && text[i - 1] == '\r'))
                ln++;
            c = 1;
        } else if (b == '\r') {
            ln++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    if (line)
        *line = ln;
    if (col)
        *col = c;
}
