/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gw-board.h"

G_BEGIN_DECLS

/* Draws the war-room board 挂图作战 in the projector theme with cairo and
 * Pango: the window, `gridwatch-cli board` and the minutes (PDF, PNG) share it.
 * Sizes scale with the height (1080 high: body text 28 px); a frame narrower
 * than 3:2 gets the 4:3 layouts. */

/* Draws slide @index of @board (its pages loaded) filling @width × @height. */
void      gw_board_render_slide (cairo_t *cr, double width, double height, const GwBoard *board,
                                 guint index);

/* The whole board as one PDF, a page per slide, A4 landscape. The file appears
 * whole or not at all. */
gboolean  gw_board_write_pdf    (const GwBoard *board, const char *path, GError **error);

/* Slide @index as a PNG of @width × @height pixels. */
gboolean  gw_board_write_png    (const GwBoard *board, guint index, int width, int height,
                                 const char *path, GError **error);

/* Every slide as DIR/NN-PAGE.png ("01-overview.png", …); returns the files. */
GStrv     gw_board_write_pngs   (const GwBoard *board, const char *dir, int width, int height,
                                 GError **error);

G_END_DECLS
