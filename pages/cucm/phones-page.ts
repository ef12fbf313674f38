import type { Locator, Page } from '@playwright/test';
import { readPortalError, submitAndReadError } from '../portal-message';
import { readTableRows } from '../tables';

export interface PhoneListing { deviceName: string; description: string; devicePool: string; protocol: string; owner: string }
export interface NewPhone { deviceName: string; model: string; protocol: 'SIP' | 'SCCP'; description: string; devicePool: string }

/** Device › Phone: "Find and List Phones", "Add a New Phone" and "Phone Configuration". */
export class PhonesPage {
  readonly results: Locator;
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.results = page.getByRole('table', { name: 'Phones' });
    this.saveButton = page.getByRole('button', { name: 'Save' });
  }

  /** Find Phone where Device Name begins with …; the matching rows. */
  async findPhones(deviceNamePrefix: string): Promise<PhoneListing[]> {
    await this.page.getByLabel('Find Phone where').selectOption('Device Name');
    await this.page.getByLabel('Condition').selectOption('begins with');
    await this.page.getByLabel('Search text').fill(deviceNamePrefix);
    await this.page.getByRole('button', { name: 'Find', exact: true }).click();
    await this.results.waitFor();
    return (await readTableRows(this.results))
      .filter((cells) => cells.length === 5)
      .map(([deviceName, description, devicePool, protocol, owner]) => ({ deviceName: deviceName!, description: description!, devicePool: devicePool!, protocol: protocol!, owner: owner! }));
  }

  /** Add New → Phone Type → Next → device protocol → Next → Phone Configuration → Save; the portal's status or error. */
  async addPhone(phone: NewPhone): Promise<{ status?: string; error?: string }> {
    await this.page.getByRole('link', { name: 'Add New' }).click();
    await this.page.getByLabel('Phone Type').selectOption(phone.model);
    await this.page.getByRole('button', { name: 'Next' }).click();
    await this.page.getByLabel('Select the device protocol').selectOption(phone.protocol);
    await this.page.getByRole('button', { name: 'Next' }).click();
    await this.page.getByLabel('Device Name').fill(phone.deviceName);
    await this.page.getByLabel('Description').fill(phone.description);
    await this.page.getByLabel('Device Pool').selectOption(phone.devicePool);
    return this.save();
  }

  async openPhone(deviceName: string): Promise<void> {
    await this.results.getByRole('link', { name: deviceName, exact: true }).click();
    await this.page.getByRole('heading', { name: 'Phone Configuration' }).waitFor();
  }

  /**
   * Owner User ID › "Select…": picks the owner in the "Find and List Users" lookup. Returns false when the lookup
   * never opened (the page's script failed), so the spec can say what the user saw.
   */
  async chooseOwnerWithLookup(userId: string): Promise<boolean> {
    await this.page.getByRole('button', { name: 'Select…' }).click();
    const lookup = this.page.getByRole('dialog', { name: 'Find and List Users' });
    const opened = await lookup.waitFor({ timeout: 3_000 }).then(() => true, () => false);
    if (!opened) return false;
    await lookup.getByLabel('User ID begins with').fill(userId);
    await lookup.getByRole('button', { name: 'Find' }).click();
    await lookup.getByRole('button', { name: `Select ${userId}` }).click();
    return true;
  }

  async ownerUserId(): Promise<string> {
    return this.page.getByLabel('Owner User ID').inputValue();
  }

  async save(): Promise<{ status?: string; error?: string }> {
    const error = await submitAndReadError(this.page, this.saveButton);
    if (error) return { error };
    const status = (await this.page.getByRole('status').allInnerTexts()).join(' ').trim();
    return status ? { status } : { error: (await readPortalError(this.page)) ?? 'no status shown after Save' };
  }
}
