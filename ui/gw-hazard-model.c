/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-hazard-model"

#include "config.h"

#include <sqlite3.h>
#include <time.h>

#include "gw-hazard-model.h"

/* Pages kept in memory; the least recently used ones go first, unless a row
 * widget still shows one of their items. */
#define MAX_PAGES 48
/* The core caches a prepared statement per distinct SQL text, and the text
 * holds LIMIT/OFFSET: a worker reopens its connection now and then so that
 * the cache does not grow without end. */
#define RECYCLE_AFTER 2000
/* How long the count of a new filter waits for its first page. */
#define COUNT_DELAY_MS 150
/* A query interrupted for a superseded filter may have hit a newer one. */
#define MAX_ATTEMPTS 3

/* ---- workers ------------------------------------------------------------------ */

typedef enum {
  JOB_PAGE,
  JOB_COUNT,
} JobKind;

typedef struct {
  JobKind    kind;
  guint      generation;
  guint      page;
  GwFilter  *filter;
  gboolean   dropped;       /* superseded before it ran */
  GPtrArray *hazards;       /* JOB_PAGE result */
  gint64     n_matching;    /* JOB_COUNT results */
  gint64     n_overdue;
  GError    *error;
  GWeakRef   model;
  gint64     queued_us;     /* for the debug log: where the time goes */
  gint64     started_us;
  gint64     finished_us;
  double     cpu_ms;        /* the worker thread's processor time for the job */
} Job;

/* A thread with its own connection: SQLite connections belong to one thread.
 * Shared with a helper that prepares a fresh connection, hence counted. */
typedef struct _Worker Worker;
struct _Worker {
  gatomicrefcount ref_count;
  char         *path;
  GMutex        mutex;
  GCond         cond;
  GQueue        jobs;
  gboolean      quit;
  int           quitting;         /* atomic copy of quit, for waiting without the lock */
  int           opened;           /* atomic: the first connection is open (or failed) */
  Worker       *after;            /* opens only once this one has opened */
  guint         generation;       /* jobs of older generations are dropped */
  sqlite3      *busy_db;          /* while a job runs, for sqlite3_interrupt */
  guint         busy_generation;
  gboolean      reopening;
  GwStore      *replacement;      /* a fresh connection, ready to take over */
  GMainContext *context;
  GThread      *thread;
};

typedef struct {
  GPtrArray *items;               /* PAGE_SIZE GwHazardItems */
  guint      loaded_generation;   /* 0: never loaded */
  guint      requested_generation;
  guint64    last_used;
} Page;

struct _GwHazardModel
{
  GObject    parent_instance;

  char      *path;
  GwFilter  *filter;
  guint      generation;          /* bumped by every new filter and refresh */
  gboolean   reset_pending;       /* a new filter waits for its first page */
  guint      n_items;
  gboolean   n_exact;             /* n_items is the count, not the first page's length */
  gint64     n_matching;
  gint64     n_overdue;
  guint      count_generation;    /* of n_matching; 0: not counted */
  guint      n_jobs;              /* page and count jobs under way */
  GHashTable *pages;              /* index → Page */
  guint64    clock;
  Worker    *page_worker;
  Worker    *count_worker;
  GError    *error;
  gboolean   busy;
  guint      busy_idle;
  guint      count_delay;         /* the count of a new filter, started soon */
  GwHazardModelTiming first_page_timing;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwHazardModel, gw_hazard_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_MATCHING,
  PROP_N_OVERDUE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FIRST_PAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void model_job_done (GwHazardModel *self, Job *job);

GwFilter *
gw_hazard_model_copy_filter (const GwFilter *filter)
{
  GwFilter *copy = g_new0 (GwFilter, 1);

  if (filter != NULL)
    *copy = *filter;
  copy->found_from = g_strdup (copy->found_from);
  copy->found_to = g_strdup (copy->found_to);
  copy->deadline_from = g_strdup (copy->deadline_from);
  copy->deadline_to = g_strdup (copy->deadline_to);
  copy->today = g_strdup (copy->today);
  /* Never NULL: the core's query builder leaves its match expression unset
   * when the text is NULL (reported); "" sets it to none. */
  copy->text = g_strdup (copy->text != NULL ? copy->text : "");
  return copy;
}

void
gw_hazard_model_free_filter (GwFilter *filter)
{
  if (filter == NULL)
    return;
  g_free ((char *) filter->found_from);
  g_free ((char *) filter->found_to);
  g_free ((char *) filter->deadline_from);
  g_free ((char *) filter->deadline_to);
  g_free ((char *) filter->today);
  g_free ((char *) filter->text);
  g_free (filter);
}

static void
job_free (Job *job)
{
  gw_hazard_model_free_filter (job->filter);
  g_clear_pointer (&job->hazards, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_weak_ref_clear (&job->model);
  g_free (job);
}

static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;
  g_autoptr(GwHazardModel) self = g_weak_ref_get (&job->model);

  g_debug ("%s %u of generation %u%s: waited %.1f ms, ran %.1f ms (%.1f ms of processor), "
           "delivered after %.1f ms",
           job->kind == JOB_PAGE ? "page" : "count", job->page, job->generation,
           job->dropped ? " (dropped)" : "",
           (job->started_us - job->queued_us) / 1000.0,
           (job->finished_us - job->started_us) / 1000.0, job->cpu_ms,
           (g_get_monotonic_time () - job->finished_us) / 1000.0);
  if (self != NULL)
    model_job_done (self, job);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static gboolean
run_job (GwStore *store,
         Job     *job)
{
  switch (job->kind)
    {
    case JOB_PAGE:
      job->hazards = gw_store_hazard_list (store, job->filter,
                                           job->page * GW_HAZARD_MODEL_PAGE_SIZE,
                                           GW_HAZARD_MODEL_PAGE_SIZE, &job->error);
      return job->hazards != NULL;
    case JOB_COUNT:
      return gw_store_hazard_count (store, job->filter, &job->n_matching, &job->n_overdue,
                                    &job->error);
    }
  g_assert_not_reached ();
}

static void
worker_run_attempts (Worker  *worker,
                     GwStore *store,
                     Job     *job)
{
  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      gboolean ok, interrupted, current;

      g_mutex_lock (&worker->mutex);
      worker->busy_db = gw_store_get_db (store);
      worker->busy_generation = job->generation;
      g_mutex_unlock (&worker->mutex);

      ok = run_job (store, job);
      interrupted = !ok && sqlite3_errcode (gw_store_get_db (store)) == SQLITE_INTERRUPT;

      g_mutex_lock (&worker->mutex);
      worker->busy_db = NULL;
      current = job->generation == worker->generation && !worker->quit;
      g_mutex_unlock (&worker->mutex);

      if (ok || !interrupted)
        return;
      g_clear_error (&job->error);
      if (!current)
        {
          job->dropped = TRUE;
          return;
        }
    }
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
worker_run (Worker  *worker,
            GwStore *store,
            Job     *job)
{
  double cpu_start = thread_cpu_ms ();

  worker_run_attempts (worker, store, job);
  job->cpu_ms = thread_cpu_ms () - cpu_start;
}

static Worker *
worker_ref (Worker *worker)
{
  g_atomic_ref_count_inc (&worker->ref_count);
  return worker;
}

static void
worker_unref (Worker *worker)
{
  Job *job;

  if (!g_atomic_ref_count_dec (&worker->ref_count))
    return;
  while ((job = g_queue_pop_head (&worker->jobs)) != NULL)
    job_free (job);
  g_clear_object (&worker->replacement);
  g_main_context_unref (worker->context);
  g_mutex_clear (&worker->mutex);
  g_cond_clear (&worker->cond);
  g_free (worker->path);
  g_free (worker);
}

static GwStore *
open_store (Worker  *worker,
            GError **error)
{
  return gw_store_open (worker->path, GW_STORE_OPEN_READONLY, error);
}

static gpointer
reopen_thread (gpointer data)
{
  Worker *worker = data;
  GwStore *store = open_store (worker, NULL);

  g_mutex_lock (&worker->mutex);
  g_clear_object (&worker->replacement);
  worker->replacement = store;
  worker->reopening = FALSE;
  g_mutex_unlock (&worker->mutex);
  worker_unref (worker);
  return NULL;
}

/* The core caches a statement per SQL text, and its text holds LIMIT and
 * OFFSET: now and then the worker moves to a fresh connection, prepared
 * beside it because opening checks the whole file. */
static void
recycle (Worker   *worker,
         GwStore **store,
         guint    *n_done)
{
  g_mutex_lock (&worker->mutex);
  if (worker->replacement != NULL)
    {
      g_clear_object (store);
      *store = g_steal_pointer (&worker->replacement);
      *n_done = 0;
    }
  else if (*n_done >= RECYCLE_AFTER && !worker->reopening)
    {
      worker->reopening = TRUE;
      g_thread_unref (g_thread_new ("gw-ledger-reopen", reopen_thread, worker_ref (worker)));
    }
  g_mutex_unlock (&worker->mutex);
}

static void
deliver (Worker *worker,
         Job    *job)
{
  /* Not g_main_context_invoke (): with the global default context it
   * would run the callback here, in this thread. */
  GSource *source = g_idle_source_new ();

  job->finished_us = g_get_monotonic_time ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_done_cb, job, NULL);
  g_source_set_static_name (source, "[gridwatch] ledger page");
  g_source_attach (source, worker->context);
  g_source_unref (source);
}

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GwStore) store = NULL;
  g_autoptr(GError) open_error = NULL;
  guint n_done = 0;

  /* Opening checks the whole file (seconds on a million hazards): open at
   * once rather than at the first job, and after the worker this one
   * follows, so that the first page does not share the processor. */
  while (worker->after != NULL && !g_atomic_int_get (&worker->after->opened)
         && !g_atomic_int_get (&worker->quitting))
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  store = open_store (worker, &open_error);
  g_debug ("%s opened %s", worker->after ? "count" : "pages", store ? "" : "(failed)");
  g_atomic_int_set (&worker->opened, TRUE);

  for (;;)
    {
      Job *job;

      g_mutex_lock (&worker->mutex);
      while (!worker->quit && g_queue_is_empty (&worker->jobs))
        g_cond_wait (&worker->cond, &worker->mutex);
      if (worker->quit)
        {
          g_mutex_unlock (&worker->mutex);
          break;
        }
      /* Newest first: the rows on screen are the ones asked for last. */
      job = g_queue_pop_tail (&worker->jobs);
      job->dropped = job->generation != worker->generation;
      g_mutex_unlock (&worker->mutex);
      job->started_us = g_get_monotonic_time ();

      if (!job->dropped)
        {
          if (store == NULL)
            {
              /* The file may have needed an upgrade that is done now. */
              g_clear_error (&open_error);
              store = open_store (worker, &open_error);
            }
          if (store == NULL)
            job->error = g_error_copy (open_error);
          else
            {
              worker_run (worker, store, job);
              n_done++;
              recycle (worker, &store, &n_done);
            }
        }
      deliver (worker, job);
    }
  return NULL;
}

static Worker *
worker_new (const char *path,
            const char *name,
            Worker     *after)
{
  Worker *worker = g_new0 (Worker, 1);

  g_atomic_ref_count_init (&worker->ref_count);
  worker->path = g_strdup (path);
  worker->after = after;
  g_mutex_init (&worker->mutex);
  g_cond_init (&worker->cond);
  g_queue_init (&worker->jobs);
  worker->context = g_main_context_ref_thread_default ();
  worker->thread = g_thread_new (name, worker_thread, worker);
  return worker;
}

/* Stops the thread (interrupting its query) and drops the caller's
 * reference; a connection being prepared beside it finishes on its own. */
static void
worker_free (Worker *worker)
{
  g_mutex_lock (&worker->mutex);
  worker->quit = TRUE;
  g_atomic_int_set (&worker->quitting, TRUE);
  if (worker->busy_db != NULL)
    sqlite3_interrupt (worker->busy_db);
  g_cond_signal (&worker->cond);
  g_mutex_unlock (&worker->mutex);
  g_thread_join (worker->thread);
  worker_unref (worker);
}

/* Drops the queued jobs of older generations and interrupts a running one. */
static void
worker_set_generation (Worker *worker,
                       guint   generation)
{
  g_mutex_lock (&worker->mutex);
  worker->generation = generation;
  if (worker->busy_db != NULL && worker->busy_generation != generation)
    sqlite3_interrupt (worker->busy_db);
  g_mutex_unlock (&worker->mutex);
}

static void
worker_push (Worker *worker,
             Job    *job)
{
  g_mutex_lock (&worker->mutex);
  g_queue_push_tail (&worker->jobs, job);
  g_cond_signal (&worker->cond);
  g_mutex_unlock (&worker->mutex);
}

/* ---- the model ------------------------------------------------------------------ */

static void
log_request (guint page)
{
  g_debug ("request page %u", page);
}

static void
update_busy (GwHazardModel *self)
{
  gboolean busy = self->reset_pending || self->n_jobs > 0 || self->count_delay != 0;

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static gboolean
busy_idle_cb (gpointer data)
{
  GwHazardModel *self = data;

  self->busy_idle = 0;
  update_busy (self);
  return G_SOURCE_REMOVE;
}

/* From get_item (): a list view asking for an item must not be told of
 * anything before it has it. */
static void
update_busy_later (GwHazardModel *self)
{
  if (self->busy_idle == 0)
    self->busy_idle = g_idle_add (busy_idle_cb, self);
}

static Job *
job_new (GwHazardModel *self,
         JobKind        kind,
         guint          page)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->generation = self->generation;
  job->page = page;
  job->filter = gw_hazard_model_copy_filter (self->filter);
  g_weak_ref_init (&job->model, self);
  job->queued_us = g_get_monotonic_time ();
  self->n_jobs++;
  return job;
}

static void
request_page (GwHazardModel *self,
              guint          index,
              Page          *page)
{
  page->requested_generation = self->generation;
  log_request (index);
  worker_push (self->page_worker, job_new (self, JOB_PAGE, index));
  update_busy_later (self);
}

static void
request_count (GwHazardModel *self)
{
  worker_push (self->count_worker, job_new (self, JOB_COUNT, 0));
  update_busy (self);
}

static Page *
page_new (void)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_ptr_array_new_full (GW_HAZARD_MODEL_PAGE_SIZE, g_object_unref);
  for (guint i = 0; i < GW_HAZARD_MODEL_PAGE_SIZE; i++)
    g_ptr_array_add (page->items, gw_hazard_item_new ());
  return page;
}

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

/* Whether a row widget (or anybody but the page) holds one of its items. */
static gboolean
page_in_use (Page *page)
{
  for (guint i = 0; i < page->items->len; i++)
    if (G_OBJECT (page->items->pdata[i])->ref_count > 1)
      return TRUE;
  return FALSE;
}

static void
evict_pages (GwHazardModel *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;

          if (page->last_used < oldest && !page_in_use (page))
            {
              oldest = page->last_used;
              oldest_key = key;
            }
        }
      if (oldest == G_MAXUINT64)
        return;
      g_hash_table_remove (self->pages, oldest_key);
    }
}

static void
fill_page (Page      *page,
           GPtrArray *hazards,
           guint      generation)
{
  guint n = MIN (page->items->len, hazards->len);

  for (guint i = 0; i < n; i++)
    gw_hazard_item_fill (page->items->pdata[i], g_steal_pointer (&hazards->pdata[i]));
  for (guint i = n; i < page->items->len; i++)
    gw_hazard_item_clear (page->items->pdata[i]);
  page->loaded_generation = generation;
}

/* Rows of an old result, shown as placeholders until read again. */
static void
clear_page (Page *page)
{
  for (guint i = 0; i < page->items->len; i++)
    gw_hazard_item_clear (page->items->pdata[i]);
  page->loaded_generation = 0;
}

/* Drops the pages that lie wholly past @n; when the end moves out of a
 * page read short, that page is read again, since its tail was never filled. */
static void
pages_resized (GwHazardModel *self,
               guint          old,
               guint          n)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint index = GPOINTER_TO_UINT (key);
      Page *page = value;

      if (index * GW_HAZARD_MODEL_PAGE_SIZE >= n)
        g_hash_table_iter_remove (&iter);
      else if (n > old && index == old / GW_HAZARD_MODEL_PAGE_SIZE)
        page->loaded_generation = page->requested_generation = 0;
    }
}

static void
set_n_items (GwHazardModel *self,
             guint          n)
{
  guint old = self->n_items;

  if (n == old)
    return;
  pages_resized (self, old, n);
  self->n_items = n;
  if (n > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n, old - n, 0);
}

static gboolean
count_delay_cb (gpointer data)
{
  GwHazardModel *self = data;

  self->count_delay = 0;
  request_count (self);
  return G_SOURCE_REMOVE;
}

static void
first_page_arrived (GwHazardModel *self,
                    Job           *job)
{
  GHashTableIter iter;
  gpointer key, value;
  guint old = self->n_items;
  guint n;
  Page *page;
  gint64 start = g_get_monotonic_time ();

  self->reset_pending = FALSE;
  if (self->count_delay != 0)
    {
      g_clear_handle_id (&self->count_delay, g_source_remove);
      request_count (self);
    }
  self->first_page_timing.wait_ms = (job->started_us - job->queued_us) / 1000.0;
  self->first_page_timing.query_ms = (job->finished_us - job->started_us) / 1000.0;
  self->first_page_timing.query_cpu_ms = job->cpu_ms;
  self->first_page_timing.delivery_ms = (start - job->finished_us) / 1000.0;

  if (self->count_generation == self->generation)
    n = self->n_matching;
  else
    n = job->hazards->len;
  self->n_exact = self->count_generation == self->generation
                  || job->hazards->len < GW_HAZARD_MODEL_PAGE_SIZE;

  /* The rows keep their item objects, filled with the new result: a list
   * view then keeps its row widgets (and its place), where removing and
   * adding items would destroy and build them all — hundreds of
   * milliseconds. Only the length changes, at the end. */
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (0));
  if (page == NULL)
    {
      page = page_new ();
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), page);
    }
  page->requested_generation = job->generation;
  page->last_used = ++self->clock;
  fill_page (page, job->hazards, job->generation);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint index = GPOINTER_TO_UINT (key);

      if (index == 0)
        continue;
      if (index * GW_HAZARD_MODEL_PAGE_SIZE < n && page_in_use (value))
        {
          clear_page (value);
          request_page (self, index, value);
        }
      else
        g_hash_table_iter_remove (&iter);
    }

  self->n_items = n;
  if (n < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n, old - n, 0);
  else if (n > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n - old);
  self->first_page_timing.update_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_debug ("first page shown in %.1f ms (%u rows instead of %u)",
           self->first_page_timing.update_ms, n, old);
  g_signal_emit (self, signals[FIRST_PAGE], 0);
}

static void
page_arrived (GwHazardModel *self,
              Job           *job)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (job->page));

  if (page == NULL || page->requested_generation != job->generation)
    return;
  fill_page (page, job->hazards, job->generation);
}

static void
count_arrived (GwHazardModel *self,
               Job           *job)
{
  self->n_matching = job->n_matching;
  self->n_overdue = job->n_overdue;
  self->count_generation = job->generation;

  if (!self->reset_pending)
    {
      self->n_exact = TRUE;
      set_n_items (self, (guint) MIN (job->n_matching, G_MAXUINT));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);
}

static void
model_job_done (GwHazardModel *self,
                Job           *job)
{
  g_assert (self->n_jobs > 0);
  self->n_jobs--;

  if (job->dropped || job->generation != self->generation)
    ;
  else if (job->error != NULL)
    {
      /* Shown in the ledger's count line. */
      g_debug ("Reading the ledger failed: %s", job->error->message);
      g_clear_error (&self->error);
      self->error = g_error_copy (job->error);
      if (job->kind == JOB_PAGE && job->page == 0 && self->reset_pending)
        {
          /* Show nothing rather than rows of the previous filter. */
          job->hazards = g_ptr_array_new ();
          first_page_arrived (self, job);
        }
    }
  else if (job->kind == JOB_COUNT)
    count_arrived (self, job);
  else if (job->page == 0 && self->reset_pending)
    first_page_arrived (self, job);
  else
    page_arrived (self, job);

  update_busy (self);
}

static void
new_generation (GwHazardModel *self)
{
  self->generation++;
  worker_set_generation (self->page_worker, self->generation);
  worker_set_generation (self->count_worker, self->generation);
  g_clear_error (&self->error);
}

/* ---- GListModel ------------------------------------------------------------------ */

static GType
gw_hazard_model_get_item_type (GListModel *model)
{
  return GW_TYPE_HAZARD_ITEM;
}

static guint
gw_hazard_model_get_n_items (GListModel *model)
{
  return GW_HAZARD_MODEL (model)->n_items;
}

static gpointer
gw_hazard_model_get_item (GListModel *model,
                          guint       position)
{
  GwHazardModel *self = GW_HAZARD_MODEL (model);
  guint index = position / GW_HAZARD_MODEL_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    {
      page = page_new ();
      page->last_used = ++self->clock;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      /* The newest page is the most recently used: never the one evicted. */
      evict_pages (self);
    }
  page->last_used = ++self->clock;
  /* While a new filter waits for its first page the rows shown belong to
   * the old one: reading them again would be wasted. */
  if (!self->reset_pending && page->loaded_generation != self->generation
      && page->requested_generation != self->generation)
    request_page (self, index, page);

  return g_object_ref (page->items->pdata[position % GW_HAZARD_MODEL_PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gw_hazard_model_get_item_type;
  iface->get_n_items = gw_hazard_model_get_n_items;
  iface->get_item = gw_hazard_model_get_item;
}

/* ---- GObject ------------------------------------------------------------------ */

static void
gw_hazard_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GwHazardModel *self = GW_HAZARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_MATCHING:
      g_value_set_int64 (value, gw_hazard_model_get_n_matching (self));
      break;
    case PROP_N_OVERDUE:
      g_value_set_int64 (value, gw_hazard_model_get_n_overdue (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_hazard_model_finalize (GObject *object)
{
  GwHazardModel *self = GW_HAZARD_MODEL (object);

  g_clear_handle_id (&self->busy_idle, g_source_remove);
  g_clear_handle_id (&self->count_delay, g_source_remove);
  /* The count worker may be waiting for the page worker to open. */
  g_clear_pointer (&self->count_worker, worker_free);
  g_clear_pointer (&self->page_worker, worker_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->filter, gw_hazard_model_free_filter);
  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (gw_hazard_model_parent_class)->finalize (object);
}

static void
gw_hazard_model_class_init (GwHazardModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gw_hazard_model_get_property;
  object_class->finalize = gw_hazard_model_finalize;

  properties[PROP_N_MATCHING] =
    g_param_spec_int64 ("n-matching", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_OVERDUE] =
    g_param_spec_int64 ("n-overdue", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The rows of a new filter are in: the time a person waits for. */
  signals[FIRST_PAGE] =
    g_signal_new ("first-page", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gw_hazard_model_init (GwHazardModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->filter = gw_hazard_model_copy_filter (NULL);
  self->n_matching = self->n_overdue = -1;
}

/* ---- public ------------------------------------------------------------------ */

GwHazardModel *
gw_hazard_model_new (const char *path)
{
  GwHazardModel *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (GW_TYPE_HAZARD_MODEL, NULL);
  self->path = g_strdup (path);
  self->page_worker = worker_new (path, "gw-ledger-pages", NULL);
  self->count_worker = worker_new (path, "gw-ledger-count", self->page_worker);
  return self;
}

const char *
gw_hazard_model_get_path (GwHazardModel *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_MODEL (self), NULL);

  return self->path;
}

void
gw_hazard_model_set_filter (GwHazardModel  *self,
                            const GwFilter *filter)
{
  g_return_if_fail (GW_IS_HAZARD_MODEL (self));

  g_clear_pointer (&self->filter, gw_hazard_model_free_filter);
  self->filter = gw_hazard_model_copy_filter (filter);

  new_generation (self);
  self->reset_pending = TRUE;
  self->count_generation = 0;
  self->n_matching = self->n_overdue = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);

  worker_push (self->page_worker, job_new (self, JOB_PAGE, 0));
  /* Counting reads every matching row: on two processors it would slow
   * the first page down. It starts with the first page's arrival, or after
   * a moment if that page is slow to come. */
  g_clear_handle_id (&self->count_delay, g_source_remove);
  self->count_delay = g_timeout_add (COUNT_DELAY_MS, count_delay_cb, self);
  update_busy (self);
}

const GwFilter *
gw_hazard_model_get_filter (GwHazardModel *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_MODEL (self), NULL);

  return self->filter;
}

void
gw_hazard_model_refresh (GwHazardModel *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (GW_IS_HAZARD_MODEL (self));

  if (self->reset_pending || self->n_items == 0)
    {
      g_autoptr(GwFilter) filter = gw_hazard_model_copy_filter (self->filter);

      gw_hazard_model_set_filter (self, filter);
      return;
    }

  new_generation (self);
  /* Rows on screen are read again in place; the rest are forgotten. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (page_in_use (value))
        request_page (self, GPOINTER_TO_UINT (key), value);
      else
        g_hash_table_iter_remove (&iter);
    }
  request_count (self);
}

gint64
gw_hazard_model_get_n_matching (GwHazardModel *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_MODEL (self), -1);

  return self->count_generation != 0 ? self->n_matching : -1;
}

gint64
gw_hazard_model_get_n_overdue (GwHazardModel *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_MODEL (self), -1);

  return self->count_generation != 0 ? self->n_overdue : -1;
}

gboolean
gw_hazard_model_get_busy (GwHazardModel *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_MODEL (self), FALSE);

  return self->busy;
}

const GError *
gw_hazard_model_get_error (GwHazardModel *self)
{
  g_return_val_if_fail (GW_IS_HAZARD_MODEL (self), NULL);

  return self->error;
}

GwHazardItem *
gw_hazard_model_peek_item (GwHazardModel *self,
                           guint          position)
{
  Page *page;

  g_return_val_if_fail (GW_IS_HAZARD_MODEL (self), NULL);

  if (position >= self->n_items)
    return NULL;
  page = g_hash_table_lookup (self->pages,
                              GUINT_TO_POINTER (position / GW_HAZARD_MODEL_PAGE_SIZE));
  return page ? page->items->pdata[position % GW_HAZARD_MODEL_PAGE_SIZE] : NULL;
}

gint64
gw_hazard_model_peek_id (GwHazardModel *self,
                         guint          position)
{
  GwHazardItem *item = gw_hazard_model_peek_item (self, position);

  return item != NULL ? gw_hazard_item_get_id (item) : 0;
}

void
gw_hazard_model_get_first_page_timing (GwHazardModel       *self,
                                       GwHazardModelTiming *out)
{
  g_return_if_fail (GW_IS_HAZARD_MODEL (self));
  g_return_if_fail (out != NULL);

  *out = self->first_page_timing;
}
