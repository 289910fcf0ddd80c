/**
 * The sites form's photos (以照片作为痕迹资料留存), made fit for a workbook: read through the
 * folder's guard (inside the folder, a regular file under the picture cap, a picture by its first
 * bytes), decoded and scaled down to a print-sized JPEG, so that a month of phone photos (6 MB
 * each) makes a workbook of a few hundred KB. jpeg-js and pngjs are pure JavaScript: no native
 * build, nothing downloaded at install, and loaded only when a workbook has photos.
 *
 * The files are untrusted: a photo that cannot be read, is too large, is no JPEG or PNG, or does
 * not decode is never dropped silently: the caller prints its name and why in its place, and
 * export names it among its problems.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { msg } from '../i18n.js';
import { EMBEDDABLE, inspectPicture } from '../records/inside.js';

/** The longest side of an embedded photo, in pixels: 8 cm printed at about 150 dpi. */
export const PHOTO_PIXELS = 480;
const QUALITY = 78;
/**
 * What decoding one photo may take: a phone's 50-megapixel photo decodes; a file of a few KB that
 * says it is 100,000 pixels square (a decompression bomb) is refused before its pixels are made.
 */
const DECODE_LIMITS = { maxResolutionInMP: EMBEDDABLE.photo.megapixels, maxMemoryUsageInMB: 512 };

export type Photo = { ok: true; jpeg: Buffer; width: number; height: number } | { ok: false; message: string };

interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

const require = createRequire(import.meta.url);

interface JpegEncoder {
  encode(image: { data: Uint8Array; width: number; height: number }, quality: number): Buffer;
}

/**
 * One JPEG encoder for every photo of the process. jpeg-js's `encode()` makes a new encoder for each
 * picture, and making one fills its 65,536-entry tables: ~80 ms, far more than encoding a print-sized
 * photo. Its constructor is not exported, so its own file (jpeg-js/lib/encoder.js, kmsw's dependency,
 * not the folder's) is compiled once more with the constructor added to its exports. An encoder resets
 * its output at every encode(), so one serves them all; tests/prints.test.ts holds its bytes to encode()'s.
 */
let encoder: JpegEncoder | undefined;
export function jpegEncoder(): JpegEncoder {
  if (!encoder) {
    const file = require.resolve('jpeg-js/lib/encoder.js');
    const source = `${readFileSync(file, 'utf8')}\n;module.exports.JPEGEncoder = JPEGEncoder;`;
    type Exports = { JPEGEncoder?: new (quality: number) => JpegEncoder };
    const load = compileFunction(source, ['module', 'exports', 'require'], { filename: file }) as (
      module: { exports: Exports },
      exports: Exports,
      require: NodeJS.Require,
    ) => void;
    const module = { exports: {} as Exports };
    load(module, module.exports, createRequire(file));
    const { JPEGEncoder } = module.exports;
    if (typeof JPEGEncoder !== 'function') throw new Error(`jpeg-js: no JPEGEncoder in ${file}`);
    encoder = new JPEGEncoder(QUALITY);
  }
  return encoder;
}

function decode(bytes: Buffer): Pixels | string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const jpeg = require('jpeg-js') as typeof import('jpeg-js');
    return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, ...DECODE_LIMITS });
  }
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    // The size its header states (IHDR), before pngjs makes room for every pixel.
    if (bytes.length < 24 || bytes.readUInt32BE(16) * bytes.readUInt32BE(20) > DECODE_LIMITS.maxResolutionInMP * 1e6)
      return msg().photos.tooManyPixels;
    const { PNG } = require('pngjs') as typeof import('pngjs');
    return PNG.sync.read(bytes);
  }
  return msg().photos.onlyJpegPng;
}

/** The picture `scale` times smaller, each pixel the mean of the block it covers (a box filter). */
function shrink(src: Pixels, width: number, height: number): Pixels {
  const data = new Uint8Array(width * height * 4);
  const fx = src.width / width;
  const fy = src.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * fy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * fy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * fx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * fx));
      const sum = [0, 0, 0];
      for (let sy = y0; sy < y1; sy++)
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * src.width + sx) * 4;
          // A transparent pixel shows as white on paper.
          const a = src.data[i + 3]! / 255;
          for (let k = 0; k < 3; k++) sum[k]! += src.data[i + k]! * a + 255 * (1 - a);
        }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 4;
      for (let k = 0; k < 3; k++) data[o + k] = Math.round(sum[k]! / n);
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

/** A photo of the records folder (`rel`, relative to `root`) as a JPEG at most PHOTO_PIXELS on its longest side. */
export function loadPhoto(root: string, rel: string): Photo {
  const found = inspectPicture(root, rel, { embed: 'photo' });
  if (!found.ok) {
    const message = found.message || msg().photos.outside;
    return { ok: false, message: found.hint ? msg().photos.withHint(message, found.hint) : message };
  }
  let pixels: Pixels | string;
  try {
    pixels = decode(found.bytes);
  } catch (e) {
    return { ok: false, message: msg().photos.cannotDecode((e as Error).message) };
  }
  if (typeof pixels === 'string') return { ok: false, message: pixels };
  if (pixels.width === 0 || pixels.height === 0) return { ok: false, message: msg().photos.empty };
  const scale = Math.min(1, PHOTO_PIXELS / Math.max(pixels.width, pixels.height));
  const width = Math.max(1, Math.round(pixels.width * scale));
  const height = Math.max(1, Math.round(pixels.height * scale));
  const small = scale < 1 ? shrink(pixels, width, height) : pixels;
  return { ok: true, jpeg: jpegEncoder().encode({ data: small.data, width, height }, QUALITY), width, height };
}
