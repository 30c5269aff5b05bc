/* ui-harness.h
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "bs-application.h"
#include "bs-window.h"

G_BEGIN_DECLS

/* The UI test harness: GLib test programs that run the real Broadsheet
 * in-process, headless (Xvfb and a private session bus, see
 * tests/ui/meson.build and build-aux/test.sh).
 *
 * A program calls ui_init() instead of g_test_init(), adds its cases with
 * UI_TEST() (a UiFixture each) and ends with ui_run(). Each case gets an
 * empty store directory of its own and a loopback HTTP server; ui_start()
 * starts the application on that directory the way a user's launch does
 * (register: startup, engine and first refresh; activate: the window),
 * ui_stop() shuts it down the way app.quit does (windows closed, store
 * flushed, application finalised), ui_restart() starts a new instance on
 * the same directory. ui_add_feed() subscribes through the Add Feed
 * dialog, as a user does; ui_subscribe() adds a source to the library
 * directly (ui_refresh() then fetches it), for setting a case up quickly.
 *
 * Waiting. Nothing sleeps for a fixed time: UI_WAIT_UNTIL (f, condition)
 * iterates the main context until the condition holds, and fails the test
 * (with a screenshot FAILED-<case>.png) after UI_TIMEOUT seconds — the
 * environment variable BS_UI_TEST_TIMEOUT overrides that.
 *
 * Keys are real key presses: xdotool sends them to the X server (XTEST),
 * so they travel the whole way through GDK and the window's key
 * controllers and accelerators. Without xdotool or an X11 display the
 * cases that need them skip (ui_require_keyboard()).
 *
 * The article view: ui_wait_article() waits until an entry's page is
 * loaded and painted, ui_eval_js() runs JavaScript in the app's isolated
 * world (BS_ARTICLE_VIEW_WORLD; page scripts are off).
 *
 * Screenshots: ui_screenshot() renders the whole window, web view
 * included, to $BS_UI_SCREENSHOT_DIR/NAME.png (tests/ui/screenshots/ in
 * the build directory).
 *
 * Messages: a warning of Broadsheet's own and anyone's critical fail the
 * case; a library's warning is only printed. */

#define UI_TIMEOUT 30 /* seconds, for one wait */

/* The loopback server: runs in a thread of its own, so that what it does
 * is not counted against the application's main loop. Its documents can
 * be changed at any time; a change is seen by the next request. It
 * answers If-None-Match with 304 when the document did not change. */
typedef struct _UiServer UiServer;

UiServer   *ui_server_new         (void);
void        ui_server_free        (UiServer   *server);
char       *ui_server_url         (UiServer   *server,
                                   const char *path);
void        ui_server_set         (UiServer   *server,
                                   const char *path,
                                   const char *content_type,
                                   const char *body);
void        ui_server_set_fixture (UiServer   *server,
                                   const char *path,
                                   const char *content_type,
                                   const char *fixture);
void        ui_server_set_status  (UiServer   *server,
                                   const char *path,
                                   guint       status);
guint       ui_server_get_hits    (UiServer   *server,
                                   const char *path);

typedef struct {
  char          *data_dir;     /* the store, removed after the case */
  UiServer      *server;

  BsApplication *app;          /* while started */
  BsWindow      *window;
  GPtrArray     *opened_uris;  /* "open-uri", across restarts */
  guint          n_refreshes;  /* refreshes finished in this instance */
} UiFixture;

void        ui_init              (int         *argc,
                                  char      ***argv,
                                  const char  *prgname);
int         ui_run               (void);

#define UI_TEST(path, func) \
  g_test_add ((path), UiFixture, NULL, ui_fixture_setup, (func), ui_fixture_teardown)

void        ui_fixture_setup     (UiFixture     *f,
                                  gconstpointer  data);
void        ui_fixture_teardown  (UiFixture     *f,
                                  gconstpointer  data);

/* The application */
void        ui_start             (UiFixture  *f);
void        ui_stop              (UiFixture  *f);
void        ui_restart           (UiFixture  *f);
BsLibrary  *ui_get_library       (UiFixture  *f);
BsSource   *ui_subscribe         (UiFixture  *f,
                                  const char *path);
BsSource   *ui_add_feed          (UiFixture  *f,
                                  const char *path,
                                  const char *screenshot);
void        ui_refresh           (UiFixture  *f);

/* Waiting */
#define UI_WAIT_UNTIL(f, condition)                                            \
  G_STMT_START {                                                               \
    gint64 ui_deadline_ = ui_deadline ();                                      \
    while (!(condition))                                                       \
      ui_iterate_before ((f), ui_deadline_, #condition, __FILE__, __LINE__,    \
                         G_STRFUNC);                                           \
  } G_STMT_END

gint64      ui_deadline          (void);
void        ui_iterate_before    (UiFixture  *f,
                                  gint64      deadline,
                                  const char *what,
                                  const char *file,
                                  int         line,
                                  const char *func);
void        ui_fail              (UiFixture  *f,
                                  const char *file,
                                  int         line,
                                  const char *func,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (5, 6) G_GNUC_NORETURN;
void        ui_process_events    (void);
void        ui_wait_frames       (UiFixture  *f,
                                  guint       n_frames);
void        ui_wait_transitions  (UiFixture  *f);
void        ui_wait_frames_of    (UiFixture  *f,
                                  GtkWidget  *widget,
                                  guint       n_frames);

/* The article view */
WebKitWebView *ui_get_web_view   (UiFixture  *f);
char       *ui_eval_js           (UiFixture  *f,
                                  const char *script);
double      ui_eval_js_number    (UiFixture  *f,
                                  const char *script);
void        ui_wait_article      (UiFixture  *f,
                                  BsEntry    *entry);
char       *ui_get_article_text  (UiFixture  *f);

/* Keys */
gboolean    ui_require_keyboard  (void);
void        ui_focus_window      (UiFixture  *f);
void        ui_press_keys        (UiFixture  *f,
                                  const char *keys);
void        ui_type_text         (UiFixture  *f,
                                  const char *text);

/* Widgets */
typedef gboolean (*UiWidgetMatch) (GtkWidget *widget,
                                   gpointer   data);

GtkWidget  *ui_find_widget       (GtkWidget    *root,
                                  UiWidgetMatch match,
                                  gpointer      data);
GPtrArray  *ui_find_widgets      (GtkWidget    *root,
                                  UiWidgetMatch match,
                                  gpointer      data);
GtkWindow  *ui_find_window       (GType         type);
GtkWidget  *ui_find_label        (GtkWidget    *root,
                                  const char   *text);
GtkWidget  *ui_find_button       (GtkWidget    *root,
                                  const char   *label);
GtkWidget  *ui_sidebar_row       (UiFixture    *f,
                                  const char   *name);
GPtrArray  *ui_get_row_titles    (UiFixture    *f);
char       *ui_entry_titles      (UiFixture    *f);
BsEntry    *ui_get_entry         (UiFixture    *f,
                                  guint         position);
guint       ui_find_entry        (UiFixture    *f,
                                  const char   *title);
guint       ui_get_selected_position (UiFixture *f);

/* Screenshots */
char       *ui_screenshot        (UiFixture  *f,
                                  const char *name);
char       *ui_screenshot_widget (GtkWidget  *widget,
                                  const char *name);

G_END_DECLS
