-- Reconciliation (issue 16): a review, a CI result or a merge on a pass PR is taken up once,
-- whether its webhook or the sweep that looked for lost webhooks finds it first (the webhook may
-- arrive after the sweep, or a redelivery after both). Keyed on the event's identity on GitHub
-- (a review id, a check run id and conclusion, a merge's head), not on a delivery id.
create table handled_events (
  key text primary key,
  at timestamptz not null default now()
);
