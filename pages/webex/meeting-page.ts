import type { Locator, Page } from '@playwright/test';
import { readPortalError } from '../portal-message';

export interface MediaState { bytesReceived: number; status: string; error?: string }

/** The lobby and the in-meeting view (Participants, Leave meeting, media). */
export class MeetingPage {
  readonly lobby: Locator;
  readonly controls: Locator;
  readonly participantsButton: Locator;
  readonly participants: Locator;
  readonly leaveButton: Locator;
  readonly mediaStatus: Locator;

  constructor(readonly page: Page) {
    this.lobby = page.getByRole('status', { name: 'Lobby' });
    this.controls = page.getByRole('toolbar', { name: 'Meeting controls' });
    this.participantsButton = page.getByRole('button', { name: 'Participants' });
    this.participants = page.getByRole('list', { name: 'Participants list' });
    this.leaveButton = page.getByRole('button', { name: 'Leave meeting' });
    this.mediaStatus = page.getByRole('status', { name: 'Media status' });
  }

  async isInLobby(): Promise<boolean> {
    return this.lobby.isVisible();
  }

  /** Waits (bounded) until the host lets the guest in and the meeting controls appear. */
  async waitUntilAdmitted(timeoutMs = 15_000): Promise<void> {
    await this.controls.waitFor({ timeout: timeoutMs });
  }

  async listParticipants(): Promise<string[]> {
    await this.participantsButton.click();
    return this.participants.getByRole('listitem').allInnerTexts();
  }

  /**
   * Waits until media is either flowing or has failed, then reads the receiving side's state.
   * Media counts as flowing when the connection's statistics report received bytes.
   */
  async readMedia(timeoutMs = 15_000): Promise<MediaState> {
    const settled = this.mediaStatus.filter({ hasText: /bytes received|failed/ });
    await settled.waitFor({ timeout: timeoutMs }).catch(() => undefined);
    const bytesReceived = Number((await this.mediaStatus.getAttribute('data-bytes')) ?? 0);
    return { bytesReceived, status: (await this.mediaStatus.innerText()).trim(), error: await readPortalError(this.page) };
  }

  async leaveMeeting(): Promise<string> {
    await this.leaveButton.click();
    return this.page.getByRole('heading', { level: 2 }).innerText();
  }
}
