import { expect, test } from '@playwright/test';

const seconds = (hms: string | null) => {
  const [h, m, s] = (hms ?? '0:0:0').split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};

test('time controls pause, step to the next event, and run the virtual clock at 16×, by keyboard', async ({ page }) => {
  await page.goto('/en/k8s/scheduler/');
  const tc = page.locator('kl-time-controls').first();
  await tc.scrollIntoViewIfNeeded();
  await expect(tc).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const now = tc.locator('.kl-tc-now');
  const pause = tc.getByRole('button', { name: 'Pause time' });
  await pause.focus();
  await page.keyboard.press('Enter');
  await expect(tc.getByRole('button', { name: 'Resume time' })).toBeVisible();
  const paused = await now.textContent();
  await page.waitForTimeout(1500);
  expect(await now.textContent()).toBe(paused);

  // Step fires the core's next timer: time moves by exactly the gap to it, and the step is announced.
  await tc.getByRole('button', { name: 'Step to the next event' }).click();
  await expect(tc.locator('[role="status"]')).toContainText('Stepped to the next event +');
  expect(seconds(await now.textContent())).toBeGreaterThanOrEqual(seconds(paused));

  const fast = tc.getByRole('button', { name: 'Speed 16×' });
  await fast.click();
  await expect(fast).toHaveAttribute('aria-pressed', 'true');
  await expect(tc.getByRole('button', { name: 'Speed 1×' })).toHaveAttribute('aria-pressed', 'false');
  const before = seconds(await now.textContent());
  await tc.getByRole('button', { name: 'Resume time' }).click();
  await page.waitForTimeout(2000);
  // 2 s of real time at 16× is about 32 s of virtual time (the tab may be throttled a little under load).
  expect(seconds(await now.textContent()) - before).toBeGreaterThanOrEqual(12);
});
