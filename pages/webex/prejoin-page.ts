import type { Locator, Page } from '@playwright/test';
import { submitAndReadError } from '../portal-message';

export interface DevicePreview { status: string; videoPlaying: boolean }

/** Pre-join: name, e-mail, device preview, optional meeting password, "Join meeting". */
export class PrejoinPage {
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly joinMeetingButton: Locator;
  readonly preview: Locator;
  readonly deviceStatus: Locator;
  readonly mute: Locator;
  readonly stopVideo: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel('Name (required)');
    this.email = page.getByLabel('Email (required)');
    this.password = page.getByLabel('Meeting password');
    this.joinMeetingButton = page.getByRole('button', { name: 'Join meeting' });
    this.preview = page.getByLabel('Camera preview');
    this.deviceStatus = page.getByRole('status', { name: 'Device status' });
    this.mute = page.getByRole('button', { name: /^(Mute|Unmute)$/ });
    this.stopVideo = page.getByRole('button', { name: /^(Stop video|Start video)$/ });
  }

  /** Waits for the camera preview to start (or fail) and returns what the user sees. */
  async readDevicePreview(): Promise<DevicePreview> {
    await this.deviceStatus.filter({ hasNotText: 'Starting camera' }).waitFor();
    const videoPlaying = await this.preview.evaluate((v: HTMLVideoElement) =>
      new Promise<boolean>((resolve) => {
        const check = () => v.videoWidth > 0 && v.readyState >= 2;
        if (check()) return resolve(true);
        v.addEventListener('loadeddata', () => resolve(check()), { once: true });
        setTimeout(() => resolve(check()), 5_000);
      }));
    return { status: (await this.deviceStatus.innerText()).trim(), videoPlaying };
  }

  /** Presses Mute and Stop video; returns the labels the buttons show afterwards. */
  async muteAndStopVideo(): Promise<string[]> {
    await this.mute.click();
    await this.stopVideo.click();
    return [await this.mute.innerText(), await this.stopVideo.innerText()];
  }

  /** Fills in who is joining and presses Join meeting; returns the portal's error if it refused. */
  async joinMeeting(guest: { name: string; email: string }, password?: string): Promise<string | undefined> {
    await this.name.fill(guest.name);
    // Firefox over BiDi appends to a pre-filled type=email field instead of replacing it; clear it first.
    await this.email.clear();
    await this.email.fill(guest.email);
    if (password !== undefined) await this.password.fill(password);
    const error = await submitAndReadError(this.page, this.joinMeetingButton);
    // Only the pre-join form's own refusal counts; the meeting page reports its problems itself.
    return (await this.joinMeetingButton.isVisible()) ? error : undefined;
  }
}
