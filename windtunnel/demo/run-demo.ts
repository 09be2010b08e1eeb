import { resolve } from "node:path";
import { formatUsd, sumNano } from "../../src/domain/money.ts";
import { listAudit } from "../../src/store/audit-log.ts";
import { listLedger } from "../../src/store/ledger.ts";
import { demoScenarios } from "./demo-scenarios.ts";
import { describeEvent } from "./describe-event.ts";
import { editAndRerun } from "./edit-and-rerun.ts";
import { mergedPassPulls, pitwallRuleset, repo, startLifecycle, workItemOf, type EventRecord, type Lifecycle } from "../index.ts";
import type { DemoOptions } from "./read-demo-options.ts";
import { renderShownParts } from "./render-shown-parts.ts";

// The demo itself (`npm run demo`, see demo.ts): starts the wind tunnel and the real app, plays
// the people of the chosen scenario, and prints what happens; returns the process's exit code.

const messageOf = (error: unknown) => (error instanceof Error ? error.message : JSON.stringify(error));

/** `databaseUrl`: the demo's PostgreSQL server, if any; `costDataDir`: the folder `npm run cost` reads by default. */
export async function runDemo(options: DemoOptions, env: { databaseUrl: string | undefined; costDataDir: string }): Promise<number> {
  const scenario = demoScenarios[options.workflow];
  // With DATABASE_URL the app runs on that PostgreSQL server, in a throw-away database the demo
  // creates and drops, so a Pitwall app using the same server never sees the demo's work.
  // Starting takes seconds (PGlite, the app, three fake servers): say so at once.
  console.log(`Starting the wind tunnel (fake GitHub, CI, deploy system and model vendors) and the app, with ${options.keepData === undefined ? (env.databaseUrl ? "a throw-away PostgreSQL database" : "PGlite in memory") : `PGlite in ${options.keepData}`}…`);
  let life: Lifecycle;
  try {
    life = await startLifecycle({ postgresServerUrl: env.databaseUrl, dataDir: options.keepData });
    // The branch protection README "Installing on GitHub" sets up, without its optional review
    // rule (the demo's people approve with /approve): the status card has nothing to warn about.
    const ruleset = pitwallRuleset(life.tunnel.appId);
    life.tunnel.github.createRuleset(repo, { ...ruleset, rules: (ruleset.rules ?? []).filter((rule) => rule.type !== "pull_request") });
  } catch (error) {
    process.stderr.write(`npm run demo: the wind tunnel did not start: ${messageOf(error)}\n`);
    return 1;
  }
  const github = life.tunnel.github;
  const started = Date.now();
  const stamp = () => `+${((Date.now() - started) / 1000).toFixed(2).padStart(6)} s`;

  console.log(`Pitwall · the ${options.workflow} demo · ${repo} · database: ${life.tunnel.database}\n`);
  console.log("Timeline (events the fake GitHub saw and delivered to the app, as they happen)");
  // Each line as its event happens: a run takes seconds, and silence until the end looks like a hang.
  github.on("event", (event: EventRecord) => {
    const what = describeEvent(event);
    if (what) console.log(`${stamp()}  ${what}`);
  });

  const issue = github.createIssue(repo, { title: scenario.title, body: scenario.body, author: "alice" });
  github.addLabel(repo, issue.number, scenario.label, { by: "alice" });
  let failure: string | undefined;
  await scenario.play(life, issue.number).catch((error: unknown) => {
    failure = messageOf(error);
  });

  const rerun =
    options.rerun && failure === undefined
      ? await editAndRerun(life, issue.number).catch((error: unknown) => {
          failure = messageOf(error);
          return undefined;
        })
      : undefined;

  const item = await workItemOf(life.tunnel, issue.number);
  const ledger = await listLedger(life.tunnel.pitwall.sql, { workItemId: item.id });
  const audit = await listAudit(life.tunnel.pitwall.sql, item.id);

  console.log(`\nAudit trail (Pitwall's decisions on ${repo}#${issue.number} "${issue.title}", ${item.workflow} workflow)`);
  for (const entry of audit) console.log(`  ${entry.actor.padEnd(10)} ${entry.action}${entry.detail ? ` — ${entry.detail}` : ""}`);
  console.log("\nCost (one ledger row per model call)");
  for (const row of ledger) {
    console.log(`  ${row.agent.padEnd(20)} ${`${row.provider}/${row.model}`.padEnd(30)} ${row.tier.padEnd(8)} ${row.cacheHit ? `artifact cache hit, saved ${formatUsd(row.savingUsd)}` : `in ${row.inputTokens} · out ${row.outputTokens} tokens  ${formatUsd(row.usd)}`}`);
  }
  console.log(`  total ${formatUsd(sumNano(ledger.map((row) => row.usd)))}`);
  if (rerun) {
    console.log(`\nRe-run after carol edited ${rerun.edited}`);
    for (const run of rerun.passes) console.log(`  ${run.pass_id.padEnd(14)} ${run.state === "reused" ? `reused — ${run.reuse_note ?? ""}` : "ran again"}`);
    console.log(`  saved by the artifact cache: ${formatUsd(rerun.savedUsd)}; the re-run's model calls cost ${formatUsd(rerun.spentUsd)}`);
  }
  if (options.show.length > 0) console.log(renderShownParts(life.tunnel, issue.number, options.show));
  console.log(`\nWork item: ${item.state}. Passes merged: ${mergedPassPulls(life.tunnel).join(" → ")}.`);
  console.log(`Deployments: ${life.deployments.map((deployment) => `${deployment.environment} @ ${deployment.sha.slice(0, 7)}`).join(", ") || "none"}. CI runs: ${life.ci.runs}.`);
  console.log(`Requests the app sent GitHub: ${github.requests.length}, rejected by GitHub's OpenAPI description: ${github.violations.length}.`);
  if (failure) console.error(`\nThe scenario did not finish: ${failure}`);
  // Closing the app's store releases the data folder's lock, so `npm run cost` can open it next.
  await life.close();
  if (options.keepData !== undefined) {
    const sameAsApp = resolve(options.keepData) === resolve(env.costDataDir);
    console.log(`\nThe demo's data stays in ${resolve(options.keepData)}. Its cost report:`);
    console.log(`  ${sameAsApp ? "" : `PITWALL_DATA_DIR=${shellWord(options.keepData)} `}npm run cost -- --period last-30-days`);
  }
  return failure || github.violations.length > 0 || item.state !== "done" ? 1 : 0;
  }

/** A word a POSIX shell reads back as the same string. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
