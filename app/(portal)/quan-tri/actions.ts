"use server";
import { formAction } from "@/lib/actions";
import {
  calendarForm,
  createTokenForm,
  createUserForm,
  resetPasswordForm,
  revokeTokenForm,
  updateUserForm,
} from "./forms";

export const createUserAction = formAction(createUserForm);
export const updateUserAction = formAction(updateUserForm);
export const resetPasswordAction = formAction(resetPasswordForm);
export const createTokenAction = formAction(createTokenForm);
export const revokeTokenAction = formAction(revokeTokenForm);
export const calendarAction = formAction(calendarForm);
