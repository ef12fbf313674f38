/** An error the user can act on: it names the file or variable and what to do. Printed without a stack. */
export class UserInputError extends Error {
  override name = 'UserInputError';
}
