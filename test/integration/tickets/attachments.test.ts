import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

// A 1×1 PNG.
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154089963f8cfc0f01f00050001ffabce36890000000049454e44ae426082', 'hex');

function multipart(fileName: string, bytes: Buffer, contentType = 'image/png', field = 'file') {
  const boundary = `----dingops${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function newTicket(t: TestApp, headers: Record<string, string>, impact = 'self') {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: { category: 'meeting_room', title: '投影仪没有信号', description: '接 HDMI 无信号', impact, urgency: 'medium' } });
  return response.json().id as string;
}

const upload = (t: TestApp, headers: Record<string, string>, id: string, body: ReturnType<typeof multipart>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/attachments`, headers: { ...headers, ...body.headers }, payload: body.payload });

describe('ticket screenshots (rule R5)', () => {
  it('R5: the reporter attaches a screenshot; it shows in the ticket and downloads byte for byte', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const id = await newTicket(t, zhang.headers);
    const response = await upload(t, zhang.headers, id, multipart('投影仪.png', png));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ fileName: '投影仪.png', contentType: 'image/png', size: png.length });

    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: zhang.headers })).json();
    expect(detail.attachments).toEqual([expect.objectContaining({ fileName: '投影仪.png', url: response.json().url })]);
    const file = await t.app.inject({ method: 'GET', url: response.json().url, headers: zhang.headers });
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(png)).toBe(true);
  });

  it('a file that is not an image is refused naming body.file, whatever it claims to be', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const id = await newTicket(t, zhang.headers);
    const svg = await upload(t, zhang.headers, id, multipart('x.png', Buffer.from('<svg onload="alert(1)"/>')));
    expect(svg.statusCode).toBe(400);
    expect(problemOf(svg)).toMatchObject({ code: 'tickets.invalid_attachment', errors: [{ path: 'body.file' }] });
  });

  it('R5: only whole images are kept: a PNG signature followed by script, an image with a script after its end, a cut-off JPEG, a 1×30000 strip and a 64-megapixel bomb are refused naming body.file, and nothing is stored', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const id = await newTicket(t, zhang.headers);
    const script = Buffer.from('<script>fetch("/api/v1/me")</script>');
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } } }).jpeg().toBuffer();
    const blank = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
    const refused = [
      ['signature-then-script.png', Buffer.concat([png.subarray(0, 8), script]), 'tickets.invalid_attachment'],
      ['polyglot.png', Buffer.concat([png, script]), 'tickets.image_unreadable'],
      ['cut-off.jpg', jpeg.subarray(0, jpeg.length - 40), 'tickets.image_unreadable'],
      ['strip.png', await blank(1, 30_000), 'tickets.image_too_large'],
      ['bomb.png', await blank(8000, 8000), 'tickets.image_too_large'],
    ] as const;
    for (const [name, bytes, code] of refused) {
      const response = await upload(t, zhang.headers, id, multipart(name, bytes));
      expect(response.statusCode, name).toBe(400);
      expect(problemOf(response), name).toMatchObject({ code, errors: [{ path: 'body.file' }] });
    }
    expect((await upload(t, zhang.headers, id, multipart('whole.jpg', jpeg))).statusCode).toBe(201);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: zhang.headers })).json();
    expect(detail.attachments.map((file: { fileName: string }) => file.fileName)).toEqual(['whole.jpg']);
  });

  it('S3/S4: a screenshot is stored encrypted under the current key and downloads decrypted byte for byte; a right-to-left override in its name is dropped', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const id = await newTicket(t, zhang.headers);
    // Displayed right to left this reads "报销单_exe.png"; the file is a PNG whatever its name says.
    const response = await upload(t, zhang.headers, id, multipart('报销单_\u202egnp.exe', png));
    expect(response.statusCode).toBe(201);
    expect(response.json().fileName).toBe('报销单_gnp.exe.png');

    const [row] = (await t.database.db.execute(sql`SELECT data, data_key, data_cipher FROM ticket_attachments`)).rows as { data: Uint8Array; data_key: string; data_cipher: string }[];
    const stored = Buffer.from(row!.data);
    expect(row).toMatchObject({ data_key: expect.stringMatching(/^enc:1:a1:/), data_cipher: 'aes-256-gcm' });
    expect(stored.equals(png)).toBe(false);
    expect(stored.includes(png.subarray(12, 29))).toBe(false);

    const file = await t.app.inject({ method: 'GET', url: response.json().url, headers: zhang.headers });
    expect(file.rawPayload.equals(png)).toBe(true);
    expect(file.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('报销单_gnp.exe.png')}`);
  });

  it('a screenshot over 5 MB is refused and nothing is stored', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const id = await newTicket(t, zhang.headers);
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    const response = await upload(t, zhang.headers, id, multipart('big.png', big));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).code).toBe('tickets.invalid_attachment');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: zhang.headers })).json().attachments).toEqual([]);
  });

  it('a closed ticket is a record: screenshots can no longer be added', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const id = await newTicket(t, zhang.headers);
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/transitions`, headers: zhang.headers, payload: { action: 'cancel' } });
    const response = await upload(t, zhang.headers, id, multipart('late.png', png));
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).code).toBe('tickets.ticket_finished');
  });

  it('at most nine screenshots per ticket', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const id = await newTicket(t, zhang.headers);
    for (let i = 0; i < 9; i += 1) expect((await upload(t, zhang.headers, id, multipart(`${i}.png`, png))).statusCode).toBe(201);
    const tenth = await upload(t, zhang.headers, id, multipart('10.png', png));
    expect(tenth.statusCode).toBe(409);
    expect(problemOf(tenth).code).toBe('tickets.too_many_attachments');
  });

  it('S4: only people who may see the ticket may fetch its screenshots; IT’s reads are audited', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const luo = await t.loginAs('yq-luojun');
    const lina = await t.loginAs(demo.itStaff);
    const id = await newTicket(t, zhang.headers);
    const { url } = (await upload(t, zhang.headers, id, multipart('a.png', png))).json();
    expect((await t.app.inject({ method: 'GET', url, headers: luo.headers })).statusCode).toBe(404);
    expect((await upload(t, luo.headers, id, multipart('b.png', png))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url, headers: lina.headers })).statusCode).toBe(200);
    const admin = await t.loginAs(demo.itLead);
    const trail = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=tickets.attachment_read`, headers: admin.headers })).json();
    expect(trail.items).toEqual([expect.objectContaining({ actorId: lina.userId })]);
  });
});
