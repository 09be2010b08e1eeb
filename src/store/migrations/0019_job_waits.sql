-- Issue 16, faults from outside: a job that waits for GitHub's rate limit, a model vendor's
-- outage or a full disk runs again without spending an attempt; `waits` counts those waits, a
-- budget of its own, so a long outage pauses a pass (within bounds) instead of failing it.
alter table jobs add column waits integer not null default 0;
