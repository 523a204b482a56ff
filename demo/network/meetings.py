"""The bimonthly meetings of the network, their minutes drawn from its data."""

from datetime import timedelta

from django.utils import timezone

from brokers.network.models import MatchResult, NetworkMeeting
from demo.common import months_later
from demo.network.calendar import next_working_day, spanish_date, third_thursday
from demo.network.data import MEETINGS, NEXT_MEETING, PROVIDER_NAMES
from demo.network.history import Event, create_all, write_history
from demo.network.plan import fill, label
from demo.timeline import moved


class Meetings:
    """The Network's meetings."""

    def meetings(self):
        """Every two months from the brokers' start (third Thursday), and the next one."""
        held, upcoming = self.meeting_days()
        meetings, records, attendance = [], [], []
        previous = None
        texts = moved(MEETINGS)  # no more held than written: the agreements last 24 months
        for day, text in zip(held, texts, strict=False):
            meeting, events, present = self.held_meeting(day, previous, *text)
            meetings.append(meeting)
            records.append((meeting, events))
            attendance.append(present)
            previous = day
        # The next meeting's agenda is the story's, or, once the agreements are over, the
        # welcome of the next period's brokers.
        place, agenda = texts[len(held)][:2] if len(held) < len(texts) else NEXT_MEETING
        proposed = held[-1] + timedelta(days=3) if held else self.today - timedelta(days=10)
        meeting = NetworkMeeting(
            date=upcoming, location=place, agenda=agenda, created_by=self.coordinator
        )
        meetings.append(meeting)
        records.append((meeting, [Event(self.working_time(proposed, 10, 12), self.coordinator)]))
        attendance.append([])
        create_all(NetworkMeeting, meetings)
        through = NetworkMeeting.attendees.through
        through.objects.bulk_create(
            through(networkmeeting_id=meeting.pk, user_id=user.pk)
            for meeting, people in zip(meetings, attendance, strict=True)
            for user in people
        )
        write_history(NetworkMeeting, records)
        return len(held), upcoming

    def meeting_days(self):
        """The days of the meetings held up to today, and of the next one."""
        start = self.start
        end = max(b.end for b in self.brokers)
        year, month = start.year, start.month
        if third_thursday(year, month) < start:
            year, month = months_later(year, month, 1)
        held = []
        while (day := third_thursday(year, month)) <= min(self.today, end):
            held.append(day)
            year, month = months_later(year, month, 2)
        while (upcoming := third_thursday(year, month)) <= self.today:
            year, month = months_later(year, month, 2)
        return held, upcoming

    def held_meeting(self, day, previous, place, agenda, minutes, raised, story):
        """A meeting held on day, its minutes written the next working day (if that has
        come), with what the network did since the previous one."""
        present, excused = self.attendance(day, place)
        minutes = minutes.format(figures=self.figures(previous, day))
        if excused:
            minutes += "\n\nExcusan su asistencia: " + "; ".join(excused) + "."
        raised = "\n".join(filter(None, [raised, self.new_needs(previous, day)]))
        stories = "\n".join(filter(None, [*self.successes(previous, day), story]))
        meeting = NetworkMeeting(
            date=day,
            location=place,
            agenda=agenda,
            minutes=minutes,
            needs_raised=raised,
            success_stories=stories,
            created_by=self.coordinator,
        )
        events = [Event(self.working_time(day - timedelta(days=14), 10, 12), self.coordinator)]
        minutes_at = self.working_time(next_working_day(day), 11, 13)
        if day < self.today and minutes_at < self.now:
            events.append(
                Event(
                    minutes_at,
                    self.coordinator,
                    {"minutes": "", "needs_raised": "", "success_stories": ""},
                )
            )
        else:  # held today: the minutes are still to be written
            meeting.minutes = meeting.needs_raised = meeting.success_stories = ""
        return meeting, events, present

    def attendance(self, day, place):
        present, excused = [self.coordinator], []
        for broker in self.brokers:
            away = broker.away.get(day)
            if day < broker.start:
                continue
            if away or (place != "Videoconferencia" and self.rng.random() < 0.06):
                reason = {"leave": ", de baja", "holidays": ", de vacaciones"}.get(away, "")
                excused.append(f"{broker.user.get_full_name()} ({broker.district.name}{reason})")
            else:
                present.append(broker.user)
        return present, excused

    def figures(self, since, until):
        if since is None:
            return ""
        services = [s for s in self.services if since < s.day <= until and s.withdrawn is None]
        rural = sum(1 for s in services if s.broker.district.is_rural)
        reached = {id(o) for s in services for o in s.organisations}
        needs = sum(1 for n in self.needs if since < timezone.localdate(n.created_at) <= until)
        share = round(100 * rural / len(services)) if services else 0
        return (
            f"Desde la reunión del {spanish_date(since)} la Red ha registrado {len(services)} "
            f"servicios a {len(reached)} organizaciones distintas, el {share} % en las comarcas "
            f"rurales, y {needs} necesidades nuevas."
        )

    def new_needs(self, since, until):
        if since is None:
            return ""
        needs = [n for n in self.needs if since < timezone.localdate(n.created_at) <= until]
        if not needs:
            return ""
        named = "; ".join(f"«{n.title}» ({n.broker.district.name})" for n in needs[-3:])
        return f"Necesidades nuevas desde la última reunión: {len(needs)}, entre ellas {named}."

    def successes(self, since, until):
        if since is None:
            return []
        lines = []
        for m in self.matches:
            if m.recorded_at is None or m.result not in (
                MatchResult.PROJECT,
                MatchResult.CONTACT_MADE,
            ):
                continue
            if since < timezone.localdate(m.recorded_at) <= until:
                provider = PROVIDER_NAMES.get(m.offer.provider.short_name, str(m.offer.provider))
                what = (
                    "acuerdan un proyecto de colaboración"
                    if m.result == MatchResult.PROJECT
                    else "celebran su primera reunión"
                )
                lines.append(
                    fill(
                        f"{m.need.broker.district.name}: {label(m.need.organisation)} y "
                        f"{provider} {what} («{m.need.title}»)."
                    )
                )
        for s in self.services:
            if not since < s.day <= until or s.withdrawn:
                continue
            org = label(s.organisations[0])
            if s.membership:
                lines.append(
                    f"{s.broker.district.name}: {org} se incorpora a "
                    f"{s.membership.cluster.acronym}."
                )
            elif s.cluster_project:
                lines.append(
                    f"{s.broker.district.name}: {org} se suma al proyecto "
                    f"{s.cluster_project.acronym}."
                )
        return lines
