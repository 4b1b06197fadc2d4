"use server";
import { formAction } from "@/lib/actions";
import { readForm, settingsForm } from "./forms";

export const saveSettingsAction = formAction(settingsForm);
export const markReadAction = formAction(readForm);
