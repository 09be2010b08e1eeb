-- A running pass is held to its reservation call by call (issue 6, "one call can overshoot by at
-- most its own per-call cap"): before each model call the reservation must cover what was spent
-- under it plus the call's cap, topped up under the budget lock when the budgets have room.
-- Verifiers reserve for their own calls on the pass run, so a reservation now names its holder,
-- and every ledger row says which reservation it was spent under.

alter table budget_reservations add column holder text not null default 'pass';
alter table budget_reservations drop constraint budget_reservations_pass_run_id_key;
create unique index budget_reservations_holder on budget_reservations (pass_run_id, holder);
-- The analyst's classification reserves too, before any pass exists.
alter table budget_reservations alter column pass_run_id drop not null;

alter table ledger add column reservation_id bigint references budget_reservations (id);
create index ledger_reservation on ledger (reservation_id) where reservation_id is not null;
-- Until now a pass run's reservation covered every call of the pass run: so it does for the
-- calls already made (a held reservation keeps counting them; a settled one held again later
-- does not count them twice).
update ledger set reservation_id = r.id from budget_reservations r where r.pass_run_id = ledger.pass_run_id;

-- A verifier a budget stopped: why, so `/approve budget` can run it again.
alter table verifier_runs add column budget_stop text;
