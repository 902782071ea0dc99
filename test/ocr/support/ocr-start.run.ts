/** Starts the OCR pool and reads one image, for test/ocr/ocr-quiet.test.ts (which reads this process's stderr). */
import sharp from 'sharp';
import { OcrPool } from '../../../ocr/ocr.pool.js';

const pool = new OcrPool({ tessdataDir: process.argv[2], size: 1 });
await pool.warm();
const image = await sharp({ create: { width: 240, height: 80, channels: 3, background: '#ffffff' } }).png().toBuffer();
await pool.read(image);
await pool.close();
console.log('read done');
