import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * File uploads, accepted only by the routes that declare them. The form's fields arrive in the
 * body as usual (so the CSRF check reads its token as for any form); each file goes straight to a
 * temporary file, removed once the response is sent.
 */

export interface UploadedFile {
  /** The temporary file holding what was sent. */
  path: string;
  /** The name the file had on the sender's computer. */
  name: string;
  bytes: number;
  /** More than the route accepts was sent: the file holds only the start of it. */
  tooLarge: boolean;
}

const received = new WeakMap<FastifyRequest, Map<string, UploadedFile>>();

/** Lets the routes of `scope` accept one file of at most `maxBytes` with a few form fields. */
export async function acceptUploads(
  scope: FastifyInstance,
  maxBytes: number,
  mayUpload: (userId: number) => Promise<boolean>,
): Promise<void> {
  // Nobody signed in, or someone without the route's permission: answered before a byte of the
  // file is stored (the route itself answers them properly on a request without a file).
  scope.addHook('preValidation', async (req, reply) => {
    if (!req.isMultipart()) return;
    const userId = req.session.get('userId');
    if (!userId) return reply.redirect('/sign-in', 303);
    if (!(await mayUpload(userId))) return reply.code(403).render('errors/403.njk', {});
  });
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    async onFile(this: FastifyRequest, part: MultipartFile & { value?: unknown }) {
      const file = path.join(os.tmpdir(), `hearth-upload-${randomBytes(8).toString('hex')}`);
      const files = received.get(this) ?? new Map<string, UploadedFile>();
      received.set(this, files);
      const upload = { path: file, name: path.basename(part.filename || ''), bytes: 0, tooLarge: false };
      files.set(part.fieldname, upload);
      await pipeline(part.file, fs.createWriteStream(file));
      upload.bytes = part.file.bytesRead;
      upload.tooLarge = part.file.truncated;
      // The body keeps only the file's name, never its content.
      part.value = upload.name;
    },
  });
  scope.addHook('onResponse', async (req) => {
    for (const f of received.get(req)?.values() ?? []) fs.rmSync(f.path, { force: true });
  });
}

/** The file sent in a form field, if any. */
export function uploadedFile(req: FastifyRequest, field: string): UploadedFile | undefined {
  return received.get(req)?.get(field);
}
