package de.nachruecker.slot.release.web;

import de.nachruecker.slot.config.SlotProperties;
import de.nachruecker.slot.release.application.CorrectingRelease;
import de.nachruecker.slot.release.application.IdempotencyKeyReusedException;
import de.nachruecker.slot.release.application.PublishingRelease;
import de.nachruecker.slot.release.application.ReadingReleases;
import de.nachruecker.slot.release.application.RecordingArrival;
import de.nachruecker.slot.release.application.ReleaseNotFoundException;
import de.nachruecker.slot.release.application.ReleaseStore;
import de.nachruecker.slot.release.application.WithdrawingRelease;
import de.nachruecker.slot.release.model.AppointmentNotFoundException;
import de.nachruecker.slot.release.model.Arrival;
import de.nachruecker.slot.release.model.ArrivalAlreadyRecordedException;
import de.nachruecker.slot.release.model.InvalidReleaseException;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseNotOpenException;
import de.nachruecker.slot.release.web.ReleaseForms.CorrectionForm;
import de.nachruecker.slot.release.web.ReleaseForms.FormError;
import de.nachruecker.slot.release.web.ReleaseForms.InvalidFormException;
import de.nachruecker.slot.release.web.ReleaseForms.PublishForm;
import de.nachruecker.slot.release.web.ReleaseForms.WithdrawalForm;
import de.nachruecker.slot.vaccine.model.Vaccine;
import de.nachruecker.slot.vaccine.model.VaccineCatalogue;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The operator pages: the releases of the user's centres with the publish form, and one release that fills live,
 * with its appointments and the correct and withdraw forms. Every read and write goes through {@link ReleaseAccess}.
 * Forms post back, and a change redirects to the release (post/redirect/get), with a message for the next page.
 */
@Controller
class ReleasePageController {

    static final String FLASH = "flash";
    private static final int PAGE_SIZE = 20;

    private final ReleaseAccess access;
    private final ReadingReleases reading;
    private final PublishingRelease publishing;
    private final CorrectingRelease correcting;
    private final WithdrawingRelease withdrawing;
    private final RecordingArrival recording;
    private final CentreCatalogue centres;
    private final VaccineCatalogue vaccines;
    private final PageTimes times;
    private final SlotProperties properties;

    ReleasePageController(ReleaseAccess access, ReadingReleases reading, PublishingRelease publishing,
                          CorrectingRelease correcting, WithdrawingRelease withdrawing, RecordingArrival recording,
                          CentreCatalogue centres, VaccineCatalogue vaccines, PageTimes times,
                          SlotProperties properties) {
        this.access = access;
        this.reading = reading;
        this.publishing = publishing;
        this.correcting = correcting;
        this.withdrawing = withdrawing;
        this.recording = recording;
        this.centres = centres;
        this.vaccines = vaccines;
        this.times = times;
        this.properties = properties;
    }

    /** The header of every page: who is signed in, and the path the language link switches. */
    @ModelAttribute
    void chrome(Principal principal, HttpServletRequest request, Model model) {
        model.addAttribute("staffName", principal == null ? "" : principal.getName());
        model.addAttribute("currentPath", request.getRequestURI().substring(request.getContextPath().length()));
    }

    @GetMapping("/")
    String home() {
        return "redirect:/releases";
    }

    @GetMapping("/releases")
    String releases(@RequestParam(defaultValue = "0") int page, Model model) {
        List<Centre> writable = access.writableCentres();
        String firstCentre = writable.isEmpty() ? null : writable.get(0).id();
        return releasesPage(Math.max(0, page), PublishForm.blank(firstCentre, times.now(), times), List.of(), model);
    }

    @PostMapping("/releases")
    String publish(@ModelAttribute PublishForm form, Model model, HttpServletResponse response,
                   RedirectAttributes redirect) {
        if (form.centreId() != null && !form.centreId().isBlank()) {
            access.checkPublish(form.centreId());
        }
        try {
            PublishingRelease.Publication publication =
                    publishing.publish(form.toDraft(times), form.idempotencyKeyOrNull());
            redirect.addFlashAttribute(FLASH, publication.replayed() ? "flash.replayed" : "flash.published");
            return "redirect:/releases/" + publication.release().id();
        } catch (InvalidFormException e) {
            return invalidPublish(form, e.errors(), model, response);
        } catch (InvalidReleaseException e) {
            return invalidPublish(form, e.violations().stream().map(violation -> FormError.of(violation, times)).toList(), model, response);
        } catch (IdempotencyKeyReusedException e) {
            // the form was submitted before with other values: show it again under a fresh key
            return invalidPublish(form.withNewKey(), List.of(FormError.of("doseCount", "error.resubmitted")), model,
                    response);
        }
    }

    @GetMapping("/releases/{id}")
    String release(@PathVariable String id, Model model) {
        Release release = access.readable(id);
        return releasePage(release, CorrectionForm.of(release, times), new WithdrawalForm(null), List.of(), model);
    }

    @PostMapping("/releases/{id}/correction")
    String correct(@PathVariable String id, @ModelAttribute CorrectionForm form, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        Release release = access.writable(id);
        try {
            correcting.correct(id, form.toCorrection(times));
        } catch (InvalidFormException e) {
            return invalidChange(release, form, new WithdrawalForm(null), e.errors(), model, response);
        } catch (InvalidReleaseException e) {
            return invalidChange(release, form, new WithdrawalForm(null),
                    e.violations().stream().map(violation -> FormError.of(violation, times)).toList(), model, response);
        }
        redirect.addFlashAttribute(FLASH, "flash.corrected");
        return "redirect:/releases/" + id;
    }

    @PostMapping("/releases/{id}/withdrawal")
    String withdraw(@PathVariable String id, @ModelAttribute WithdrawalForm form, Model model,
                    HttpServletResponse response, RedirectAttributes redirect) {
        Release release = access.writable(id);
        try {
            withdrawing.withdraw(id, form.toReason());
        } catch (InvalidFormException e) {
            return invalidChange(release, CorrectionForm.of(release, times), form, e.errors(), model, response);
        }
        redirect.addFlashAttribute(FLASH, "flash.withdrawn");
        return "redirect:/releases/" + id;
    }

    @PostMapping("/releases/{id}/appointments/{offerId}/arrival")
    String recordArrival(@PathVariable String id, @PathVariable String offerId, @RequestParam Arrival outcome,
                         RedirectAttributes redirect) {
        access.writable(id);
        try {
            recording.record(id, offerId, outcome);
            redirect.addFlashAttribute(FLASH, outcome == Arrival.VACCINATED ? "flash.vaccinated" : "flash.missed");
        } catch (ArrivalAlreadyRecordedException e) {
            redirect.addFlashAttribute(FLASH, "flash.already-recorded");
        }
        return "redirect:/releases/" + id + "#appointments";
    }

    @ExceptionHandler({ReleaseNotFoundException.class, AppointmentNotFoundException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Principal principal, HttpServletRequest request, Model model) {
        return problemPage("problem.not-found", principal, request, model);
    }

    @ExceptionHandler(ReleaseNotOpenException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String notOpen(Principal principal, HttpServletRequest request, Model model) {
        return problemPage("problem.not-open", principal, request, model);
    }

    /** Exception handlers get a fresh model, so the header is added here again. */
    private String problemPage(String problem, Principal principal, HttpServletRequest request, Model model) {
        chrome(principal, request, model);
        model.addAttribute("problem", problem);
        return "operator/problem";
    }

    private String invalidPublish(PublishForm form, List<FormError> errors, Model model,
                                  HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return releasesPage(0, form, errors, model);
    }

    private String invalidChange(Release release, CorrectionForm correction, WithdrawalForm withdrawal,
                                 List<FormError> errors, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return releasePage(release, correction, withdrawal, errors, model);
    }

    private String releasesPage(int page, PublishForm form, List<FormError> errors, Model model) {
        ReleaseStore.ReleasePage releases = reading.list(access.readableCentres(null), null, page, PAGE_SIZE);
        model.addAttribute("releases", releases.releases().stream().map(this::view).toList());
        model.addAttribute("page", page);
        model.addAttribute("hasNext", (long) (page + 1) * PAGE_SIZE < releases.total());
        model.addAttribute("writableCentres", access.writableCentres());
        model.addAttribute("vaccines", vaccines.all());
        model.addAttribute("form", form);
        addErrors(errors, model);
        model.addAttribute("zone", times.zone().getId());
        return "operator/releases";
    }

    private String releasePage(Release release, CorrectionForm correction, WithdrawalForm withdrawal,
                               List<FormError> errors, Model model) {
        model.addAttribute("release", view(release));
        model.addAttribute("correction", correction);
        model.addAttribute("withdrawal", withdrawal);
        addErrors(errors, model);
        model.addAttribute("zone", times.zone().getId());
        model.addAttribute("refreshMillis", properties.pageRefresh().toMillis());
        return "operator/release";
    }

    private static void addErrors(List<FormError> errors, Model model) {
        model.addAttribute("errors", errors);
        model.addAttribute("errorFields", errors.stream().map(FormError::field).collect(Collectors.toSet()));
    }

    private ReleaseView view(Release release) {
        String centreName = centres.find(release.centreId()).map(Centre::name).orElse(release.centreId());
        String productName = vaccines.find(release.product()).map(Vaccine::name).orElse(release.product());
        return ReleaseView.of(release, centreName, productName, access.mayWrite(release), times);
    }
}
