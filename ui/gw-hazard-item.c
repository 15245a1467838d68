/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-hazard-item"

#include "config.h"

#include "gw-hazard-item.h"

struct _GwHazardItem
{
  GObject   parent_instance;

  GwHazard *hazard;
};

G_DEFINE_FINAL_TYPE (GwHazardItem, gw_hazard_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOADED,
  PROP_NUMBER,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gw_hazard_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GwHazardItem *self = GW_HAZARD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, gw_hazard_item_get_id (self));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->hazard != NULL);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->hazard ? self->hazard->number : NULL);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->hazard ? self->hazard->title : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_hazard_item_finalize (GObject *object)
{
  GwHazardItem *self = GW_HAZARD_ITEM (object);

  g_clear_pointer (&self->hazard, gw_hazard_free);
  G_OBJECT_CLASS (gw_hazard_item_parent_class)->finalize (object);
}

static void
gw_hazard_item_class_init (GwHazardItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gw_hazard_item_get_property;
  object_class->finalize = gw_hazard_item_finalize;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_hazard_item_init (GwHazardItem *self)
{
}

GwHazardItem *
gw_hazard_item_new (void)
{
  return g_object_new (GW_TYPE_HAZARD_ITEM, NULL);
}

void
gw_hazard_item_fill (GwHazardItem *self,
                     GwHazard     *hazard)
{
  gint64 old_id;

  g_return_if_fail (GW_IS_HAZARD_ITEM (self));
  g_return_if_fail (hazard != NULL);

  old_id = gw_hazard_item_get_id (self);
  g_clear_pointer (&self->hazard, gw_hazard_free);
  self->hazard = hazard;

  /* Cells follow "loaded" only: one notification redraws a row. */
  g_object_freeze_notify (G_OBJECT (self));
  if (old_id != hazard->id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
gw_hazard_item_clear (GwHazardItem *self)
{
  g_return_if_fail (GW_IS_HAZARD_ITEM (self));

  if (self->hazard == NULL)
    return;
  g_clear_pointer (&self->hazard, gw_hazard_free);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
gw_hazard_item_get_loaded (GwHazardItem *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_ITEM (self), FALSE);

  return self->hazard != NULL;
}

gint64
gw_hazard_item_get_id (GwHazardItem *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_ITEM (self), 0);

  return self->hazard ? self->hazard->id : 0;
}

const GwHazard *
gw_hazard_item_get_hazard (GwHazardItem *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_ITEM (self), NULL);

  return self->hazard;
}
