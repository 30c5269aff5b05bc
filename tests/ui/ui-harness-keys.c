/* ui-harness-keys.c
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The UI harness's keys: real key presses sent to the X server with
 * xdotool, and the keyboard focus of the window, see ui-harness.h. */

#include "config.h"

#include "ui-harness-private.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

static char *xdotool_path;

void
_ui_keys_init (void)
{
  xdotool_path = g_find_program_in_path ("xdotool");
}

static gboolean
run_quietly (const char * const *argv,
             char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, &err, &status, &error))
    {
      g_test_message ("%s: %s", argv[0], error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("%s: %s (%s)", argv[0], error->message, err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * ui_focus_window:
 *
 * Gives the window the keyboard focus of the X server (there is no window
 * manager to do it) and waits until GTK knows it is active.
 */
void
ui_focus_window (UiFixture *f)
{
  gtk_window_present (GTK_WINDOW (f->window));
#ifdef GDK_WINDOWING_X11
  if (xdotool_path != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
      g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
      const char *argv[] = { xdotool_path, "windowfocus", "--sync", xid, NULL };

      if (!gtk_window_is_active (GTK_WINDOW (f->window)) && !run_quietly (argv, NULL))
        ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "xdotool could not focus the window");
      UI_WAIT_UNTIL (f, gtk_window_is_active (GTK_WINDOW (f->window)));
    }
#endif
}

/**
 * ui_require_keyboard:
 *
 * Skips the case unless real key presses can be sent (xdotool and an X11
 * display).
 *
 * Returns: TRUE when they can; return from the case otherwise
 */
gboolean
ui_require_keyboard (void)
{
#ifdef GDK_WINDOWING_X11
  if (xdotool_path != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
#endif
  g_test_skip ("real key presses need xdotool and an X11 display");
  return FALSE;
}

static void
run_xdotool (UiFixture          *f,
             const char * const *argv)
{
  g_assert_nonnull (xdotool_path);

  ui_focus_window (f);
  if (!run_quietly (argv, NULL))
    ui_fail (f, __FILE__, __LINE__, G_STRFUNC, "xdotool failed");
  ui_process_events ();
}

/**
 * ui_press_keys:
 * @keys: what xdotool's key command takes: "j", "shift+a", "ctrl+f", "space"
 *
 * Presses and releases the keys on the X server, with the window focused,
 * and dispatches the events. Wait for their effect with UI_WAIT_UNTIL().
 */
void
ui_press_keys (UiFixture  *f,
               const char *keys)
{
  const char *argv[] = { xdotool_path, "key", "--clearmodifiers", keys, NULL };

  run_xdotool (f, argv);
}

/**
 * ui_type_text:
 * @text: letters, digits and spaces
 *
 * Types @text into whatever has the focus, a key press a character.
 * (xdotool's own "type" command loses whole words now and then on Xvfb.)
 */
void
ui_type_text (UiFixture  *f,
              const char *text)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (xdotool_path));
  g_ptr_array_add (argv, g_strdup ("key"));
  g_ptr_array_add (argv, g_strdup ("--clearmodifiers"));
  for (const char *p = text; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isalnum (*p) || *p == ' ');
      g_ptr_array_add (argv, *p == ' ' ? g_strdup ("space") : g_strndup (p, 1));
    }
  g_ptr_array_add (argv, NULL);

  run_xdotool (f, (const char * const *) argv->pdata);
}
