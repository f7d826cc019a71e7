#ifndef BPTUI_CNCURSES_SHIM_H
#define BPTUI_CNCURSES_SHIM_H

/* SwiftPM drops pkg-config's cflags; without this the wide-character API stays hidden. */
#define _XOPEN_SOURCE_EXTENDED 1
/* For O_TMPFILE. */
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <locale.h>
#include <malloc.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Globals and macros Swift cannot import (or rejects as not concurrency-safe). */
static inline WINDOW *bptui_stdscr(void) { return stdscr; }
static inline int bptui_lines(void) { return LINES; }
static inline int bptui_cols(void) { return COLS; }
static inline int bptui_colors(void) { return COLORS; }
static inline int bptui_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t bptui_a_normal(void) { return A_NORMAL; }
static inline attr_t bptui_a_bold(void) { return A_BOLD; }
static inline attr_t bptui_a_dim(void) { return A_DIM; }
static inline attr_t bptui_a_reverse(void) { return A_REVERSE; }
static inline attr_t bptui_a_underline(void) { return A_UNDERLINE; }
static inline int bptui_key_resize(void) { return KEY_RESIZE; }
static inline int bptui_key_mouse(void) { return KEY_MOUSE; }

/* Reports left clicks and double-clicks, where the terminal can. */
static inline void bptui_mouse_on(void) { mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED, NULL); }

/* The pending mouse event: 1 for a click at (*x, *y), 2 for a double-click, 0 for none. */
static inline int bptui_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_DOUBLE_CLICKED) return 2;
    return (event.bstate & BUTTON1_CLICKED) ? 1 : 0;
}
static inline int bptui_err(void) { return ERR; }

/* An unnamed file in `directory`, given a name only by linkat: -1 where the file system cannot. */
/* Large blocks stay in the heap when freed, so the next ones need no fresh zeroed pages. */
static inline void bptui_keep_large_blocks(void) {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

static inline int bptui_open_unnamed(const char *directory) { return open(directory, O_TMPFILE | O_WRONLY, 0644); }

/* A screen on the process's own stdin and stdout; NULL when the terminal is unusable. */
static inline SCREEN *bptui_newterm(void) { return newterm(NULL, stdout, stdin); }

/* Whether TERM names a terminal that can address the cursor; writes nothing. */
static inline int bptui_terminal_usable(void) {
    int status = 0;
    if (setupterm(NULL, 1, &status) != OK) return 0;
    const char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (char *)-1;
    del_curterm(cur_term);
    return usable;
}

/* Writes `count` wide characters at (y, x) with attributes `attrs` in colour pair `pair`. */
static inline int bptui_put(int y, int x, const wchar_t *text, int count, attr_t attrs, short pair) {
    attr_set(attrs, pair, NULL);
    return mvaddnwstr(y, x, text, count);
}

#endif
