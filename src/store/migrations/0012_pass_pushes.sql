-- Who pushed to a pass PR (issue 13, separation of duties). GitHub names a commit's author and
-- committer from addresses the pusher chooses, so the commit list alone can hide a pusher: the
-- `sender` of every push webhook is recorded too, and the commits Pitwall made itself are known
-- by SHA, not by the name on them.
create table pass_pushes (
  pass_run_id bigint not null references pass_runs (id),
  sender text not null,
  head_sha text not null,
  primary key (pass_run_id, sender, head_sha)
);

create table pitwall_commits (
  pass_run_id bigint not null references pass_runs (id),
  sha text not null,
  primary key (pass_run_id, sha)
);
