-- The artifact cache: a pass's submission under a key hashed from everything that
-- determines it, so a re-run with the same key reuses it at zero model cost.
create table artifact_cache (
  key text primary key,
  agent text not null,
  pass_id text not null,
  -- { submission, written: [{ path, content }], provider, model }
  entry jsonb not null,
  cost_usd numeric(18, 9) not null,
  created_at timestamptz not null
);
