import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { launchBrowser } from '../support/browser.js';
import { startTestApp, unique, type TestApp } from '../support/app.js';

describe('Swagger UI', () => {
  let sut: TestApp;
  let browser: BrowserContext | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    sut = await startTestApp();
    await sut.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    ({ browser, close: closeBrowser } = await launchBrowser());
  }, 60_000);
  afterAll(async () => {
    await closeBrowser?.();
    await sut?.close();
  });

  it('lets an admin authorize with the API key and create a commitment', async () => {
    const page = await browser!.newPage();
    // Generous: on a loaded CI machine Swagger UI's bundle can take a while to render.
    page.setDefaultTimeout(45_000);
    await page.goto(`${baseUrl}/docs`);
    await page.locator('button.authorize').first().click();
    await page.locator('.modal-ux input').first().fill(process.env.ADMIN_API_KEY!);
    await page.locator('.modal-ux button.authorize').click();
    await page.locator('.modal-ux button.btn-done').click();

    const operation = page.locator('#operations-Commitments-CommitmentsController_create');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    const title = unique('Hold the third round of the JMCC in Pakistan');
    await operation
      .locator('textarea.body-param__text')
      .fill(JSON.stringify({ title, deadline: { precision: 'YEAR', value: '2020', timeZone: 'Asia/Karachi', phrase: 'next year' } }));
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor({ timeout: 45_000 });
    expect((await status.innerText()).trim()).toBe('201');

    const stored = await sut.app.get(PrismaService).commitment.findFirstOrThrow({ where: { title } });
    expect(stored).toMatchObject({ deadlinePrecision: 'YEAR', deadlineValue: '2020', status: 'OPEN' });
    await page.close();
  }, 120_000);

  it('offers several statuses for the list filter and sends each as its own parameter', async () => {
    const page = await browser!.newPage();
    page.setDefaultTimeout(45_000);
    // Swagger UI keeps the key of an earlier page (persistAuthorization): start signed out.
    await page.addInitScript('window.localStorage.clear()');
    await page.goto(`${baseUrl}/docs`);
    await page.locator('button.authorize').first().click();
    await page.locator('.modal-ux input').first().fill(process.env.ADMIN_API_KEY!);
    await page.locator('.modal-ux button.authorize').click();
    await page.locator('.modal-ux button.btn-done').click();

    const operation = page.locator('#operations-Commitments-CommitmentsController_list');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('tr[data-param-name="status"] select[multiple]').selectOption(['OPEN', 'DONE']);
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor({ timeout: 45_000 });
    expect((await status.innerText()).trim()).toBe('200');
    expect(await operation.locator('.request-url pre').innerText()).toContain('status=OPEN&status=DONE');
    await page.close();
  }, 120_000);
});
