// `npm run bench verify`: how long <vk-verify> takes to check a certificate in Chromium once the
// platform's keys are cached (budget ≤ 50 ms, docs/spec/budgets.md): online (the revocation
// list revalidated, a 304) and offline (the device's saved keys only). A real certificate from
// the seeded campus student, the real /verify demo page; median and worst of 20 checks each.
import { createClient, MyCertificates } from '@volunteerkit/sdk';

const BUDGET_MS = 50;
const RUNS = 20;

export async function benchVerify({ browser, demoUrl, apiUrl }) {
  const partner = createClient({ baseUrl: apiUrl, secretKey: 'sk_test_campus_demo' });
  const { token } = await partner.sessions.create({ externalId: 'zju-sso|3230100123', volunteer: { name: '林晓雨', mobile: '13957112345', studentId: '3230100123' } });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const session = createClient({ baseUrl: apiUrl, publishableKey: 'pk_test_campus_demo' }).withSession(token);
  const certificate = await new MyCertificates(session).create({ from: yearAgo, to: today });

  const page = await browser.newPage();
  await page.goto(`${demoUrl}/verify/#${certificate.jws}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('vk-verify')?.shadowRoot?.querySelector('[part="verdict"][data-valid="true"]'), { timeout: 20_000, polling: 50 });
  const measure = () => page.evaluate(async (jws, runs) => {
    const element = document.querySelector('vk-verify');
    const times = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = await element.check(`${jws}${' '.repeat(i % 2)}`); // a different input each time: no short cut
      times.push(performance.now() - started);
      if (!result?.valid) throw new Error(`not valid: ${JSON.stringify(result)}`);
    }
    return times.sort((a, b) => a - b);
  }, certificate.jws, RUNS);
  const online = await measure();
  await page.setOfflineMode(true);
  const offline = await measure();
  await page.close();
  const line = (name, times) => {
    const median = times[Math.floor(times.length / 2)];
    const worst = times.at(-1);
    return `  ${name}: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms (${(median / BUDGET_MS).toFixed(2)}× the ${BUDGET_MS} ms budget)`;
  };
  console.log(`Certificate verification in the browser (<vk-verify>, keys cached, ${RUNS} checks each)`);
  console.log(line('online, revocation list revalidated', online));
  console.log(line('offline, saved keys only', offline));
}
