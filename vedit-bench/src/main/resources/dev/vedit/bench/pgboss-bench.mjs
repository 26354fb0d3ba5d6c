// The queue benchmark's peer: pg-boss doing what vedit's queue does in the bench, on the same PostgreSQL.
// Usage: node pgboss-bench.mjs <connection string> <jobs> <samples> <workers> [<clip url> <ffprobe> <probe args> <stand-in>]
// With a clip URL, each job does what each vedit task does besides the queue: fetch its input over HTTP to a
// file and probe it with ffprobe, with vedit's own arguments (<probe args>, a JSON array naming the file as
// <stand-in>); without, jobs do nothing (the queue alone).
// 0. warm-up: the throughput's burst once, unmeasured, as the vedit side does (V8's compilers warm up too);
// 1. dispatch latency: <samples> jobs sent one at a time to idle workers, send to handler start (p50_ms, p99_ms);
// 2. throughput: <jobs> jobs sent by 16 senders at once, first send to last completion (jobs_per_second).
import PgBoss from 'pg-boss';
import { spawn } from 'node:child_process';
import { writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [connectionString, jobsArg, samplesArg, workersArg, clipUrl, ffprobe, probeArgs, standIn] = process.argv.slice(2);
const probeArgsFor = file => JSON.parse(probeArgs).map(a => a.replaceAll(standIn, file));
let files = 0;
async function taskWork() {
  if (!clipUrl) return;
  const reply = await fetch(clipUrl);
  const file = join(tmpdir(), `pgboss-bench-${process.pid}-${files++}.mp4`);
  await writeFile(file, Buffer.from(await reply.arrayBuffer()));
  await new Promise((resolve, reject) => {
    const p = spawn(ffprobe, probeArgsFor(file), { stdio: ['ignore', 'pipe', 'inherit'] });
    const out = [];
    p.stdout.on('data', chunk => out.push(chunk));
    p.on('error', reject);
    // Read as vedit reads it: the whole answer, parsed.
    p.on('close', code => code === 0 ? resolve(JSON.parse(Buffer.concat(out).toString())) : reject(new Error('ffprobe exit ' + code)));
  });
  await unlink(file);
}
const jobs = Number(jobsArg);
const samples = Number(samplesArg);
const workers = Number(workersArg);
const boss = new PgBoss({ connectionString, max: workers + 8 });
boss.on('error', e => console.error('pg-boss error', e));
await boss.start();
const queue = 'vedit-bench-' + Date.now();
await boss.createQueue(queue);

const latencies = [];
let done = 0;
let waiting = null; // [count to reach, resolve]
for (let w = 0; w < workers; w++) {
  // 0.5 s is the shortest polling interval pg-boss 10 allows, and a worker waits it out even after finding jobs,
  // so each worker fetches a batch of 10 per round (its documented way to throughput) and handles them together.
  await boss.work(queue, { batchSize: 10, pollingIntervalSeconds: 0.5 }, async batch => {
    const now = Date.now();
    for (const job of batch) {
      if (job.data.sample) latencies.push(now - job.data.sentAt);
    }
    await Promise.all(batch.map(taskWork));
    done += batch.length;
    if (waiting && done >= waiting[0]) waiting[1]();
  });
}
const reach = count => new Promise(resolve => {
  waiting = [count, resolve];
  if (done >= count) resolve();
});

// Sends <jobs> jobs from 16 senders and returns once they have all been handled.
async function burst() {
  const finished = reach(done + jobs);
  let next = 0;
  async function sender() {
    while (next < jobs) {
      next++;
      await boss.send(queue, { sentAt: Date.now() });
    }
  }
  await Promise.all(Array.from({ length: 16 }, sender));
  await finished;
}
await burst(); // unmeasured: the warm-up

for (let i = 0; i < samples; i++) {
  const target = done + 1; // taken before sending: the job may be handled before send() returns
  await boss.send(queue, { sentAt: Date.now(), sample: true });
  await reach(target);
}

const start = performance.now();
await burst();
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = p => latencies[Math.max(0, Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1))];
console.log(`jobs_per_second ${(jobs / seconds).toFixed(1)}`);
console.log(`p50_ms ${pct(50)}`);
console.log(`p99_ms ${pct(99)}`);
await boss.stop({ graceful: false, wait: false });
process.exit(0);
