/**
 * Draws a QR code onto a canvas with lean-qr (the smallest well-kept encoder we compared; it is
 * only in `<vk-checkin-code>`'s chunk). Dark modules on white with the standard 4-module quiet
 * zone, whatever the theme: phone cameras read dark-on-light codes most reliably.
 *
 * @module
 */
import { generate } from 'lean-qr';

/** Draws `payload` onto `canvas` at one pixel per module; CSS scales it up without smoothing. */
export function drawQr(canvas: HTMLCanvasElement, payload: string): void {
  generate(payload).toCanvas(canvas, { on: [0, 0, 0, 255], off: [255, 255, 255, 255], pad: 4 });
}
