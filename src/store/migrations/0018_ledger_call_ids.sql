-- Issue 16, crash safety: every model call has a ledger row by its call id, written before the
-- call is sent (priced at the call's cap, `answered` false) and settled with the vendor's usage
-- when the answer arrives. A call whose answer was lost (a dropped connection, a crash) keeps its
-- row at the cap: the vendor bills it, so the ledger never leaves out a billed call. A call the
-- vendor refused with an HTTP error (not billed) has its row removed.
alter table ledger add column call_id text;
alter table ledger add column answered boolean not null default true;
create unique index ledger_call_id on ledger (call_id);
