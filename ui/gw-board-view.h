/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-board.h"

G_BEGIN_DECLS

#define GW_TYPE_BOARD_VIEW (gw_board_view_get_type ())
G_DECLARE_FINAL_TYPE (GwBoardView, gw_board_view, GW, BOARD_VIEW, GtkWidget)

/* The war-room board 挂图作战: one page at a time in the projector theme,
 * stepped with the keys a presentation clicker sends. Read-only. */
GtkWidget    *gw_board_view_new           (void);

/* Reads the board of @store's file in a thread ("loaded" when done). */
void          gw_board_view_set_store     (GwBoardView *self, GwStore *store);
void          gw_board_view_reload        (GwBoardView *self);
/* The date the board is as of ("YYYY-MM-DD"; NULL: today); reloads. */
void          gw_board_view_set_as_of     (GwBoardView *self, const char *as_of);
/* A board already loaded (benchmarks, tests); takes a reference. */
void          gw_board_view_set_board     (GwBoardView *self, GwBoard *board);
GwBoard      *gw_board_view_get_board     (GwBoardView *self);

guint         gw_board_view_get_slide     (GwBoardView *self);
guint         gw_board_view_get_n_slides  (GwBoardView *self);
void          gw_board_view_set_slide     (GwBoardView *self, guint index);

/* Writes the board for the minutes in a thread: one PDF (A4 landscape) or,
 * with @pdf FALSE, a folder of 1920×1080 PNG pages; a toast says where. */
void          gw_board_view_save          (GwBoardView *self, const char *path, gboolean pdf);

/* Full-screen presentation: the window follows the "presenting" property. */
gboolean      gw_board_view_get_presenting (GwBoardView *self);
void          gw_board_view_set_presenting (GwBoardView *self, gboolean presenting);

/* The auto-advance timer: running (not paused) and seconds to the next page. */
gboolean      gw_board_view_get_timer_running (GwBoardView *self);
guint         gw_board_view_get_timer_remaining (GwBoardView *self);

/* What handles the keys: tests emit "key-pressed" on it. */
GtkEventController *gw_board_view_get_key_controller (GwBoardView *self);
/* Microseconds the last page took to draw (benchmarks). */
gint64        gw_board_view_get_last_draw_us (GwBoardView *self);
guint         gw_board_view_get_draw_count  (GwBoardView *self);

G_END_DECLS
